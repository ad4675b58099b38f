import { authorizeApi } from "@/lib/auth/guards";
import { jsonError, jsonOk, readJsonBody } from "@/lib/jobs/api";
import { getHistory } from "@/lib/jobs/overview";
import { getJobServices } from "@/lib/jobs/server";
import { spawnWorker } from "@/lib/jobs/spawn";
import { parseRegenerateOptions, RegenerateRequestError, startRegeneration } from "@/lib/jobs/start";
import { getGeneratorNames } from "@/lib/promotion/sync";
import { JobLockedError } from "@/lib/store/jobs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET: the history of runs (staff). */
export async function GET(request: Request) {
  const auth = await authorizeApi(request, "staff");
  if (!auth.ok) return auth.response;
  return jsonOk({ history: getHistory(getJobServices()) });
}

/** POST {mode, generators}: start a regeneration job (staff); 409 while another job holds the lock. */
export async function POST(request: Request) {
  const auth = await authorizeApi(request, "staff");
  if (!auth.ok) return auth.response;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const services = getJobServices();
  try {
    const options = parseRegenerateOptions(body.body, getGeneratorNames(services.store.db));
    if (services.store.countRecords() === 0) return jsonError(409, "The store has no records yet: run `npm run ingest` first.");
    const job = startRegeneration(services, options, auth.session.email, (id) => spawnWorker(id));
    return jsonOk({ job }, 202);
  } catch (err) {
    if (err instanceof JobLockedError) return jsonError(409, err.message);
    if (err instanceof RegenerateRequestError) return jsonError(400, err.message);
    throw err;
  }
}
