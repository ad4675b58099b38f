import { z } from "zod";
import { authorizeApi } from "@/lib/auth/guards";
import { jsonError, jsonOk, readJsonBody } from "@/lib/jobs/api";
import { rollbackTo, RollbackError } from "@/lib/jobs/rollback";
import { getJobServices } from "@/lib/jobs/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const rollbackSchema = z.object({ generator: z.string().min(1).max(100), version: z.string().min(1).max(300) });

/** POST {generator, version}: make an earlier version current again (admin). */
export async function POST(request: Request) {
  const auth = await authorizeApi(request, "admin");
  if (!auth.ok) return auth.response;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = rollbackSchema.safeParse(body.body);
  if (!parsed.success) return jsonError(400, `expected {"generator": "...", "version": "..."}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  try {
    return jsonOk({ rollback: rollbackTo(getJobServices(), parsed.data.generator, parsed.data.version, auth.session.email) });
  } catch (err) {
    if (err instanceof RollbackError) return jsonError(409, err.message);
    throw err;
  }
}
