import { authorizeApi } from "@/lib/auth/guards";
import { jsonOk } from "@/lib/jobs/api";
import { getJobServices } from "@/lib/jobs/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET: staff accounts, without password hashes (admin). */
export async function GET(request: Request) {
  const auth = await authorizeApi(request, "admin");
  if (!auth.ok) return auth.response;
  return jsonOk({ accounts: getJobServices().staff.listAccounts() });
}
