import { authorizeApi } from "@/lib/auth/guards";
import { jsonError, jsonOk } from "@/lib/jobs/api";
import { getLatestJobStatus } from "@/lib/jobs/overview";
import { getJobServices } from "@/lib/jobs/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/admin/jobs/<id|latest>?after=<log id>: progress and new log lines (polled by the admin page). */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request, "staff");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const afterRaw = new URL(request.url).searchParams.get("after") ?? "0";
  const after = Number(afterRaw);
  if (!Number.isInteger(after) || after < 0) return jsonError(400, `after must be a whole number >= 0, got "${afterRaw.slice(0, 40)}"`);
  if (id === "latest") return jsonOk(getLatestJobStatus(getJobServices(), after));
  const jobId = Number(id);
  if (!Number.isInteger(jobId) || jobId < 1) return jsonError(400, `job id must be a positive whole number or "latest", got "${id.slice(0, 40)}"`);
  const status = getLatestJobStatus(getJobServices(), after, jobId);
  if (!status.job) return jsonError(404, `no job ${jobId}`);
  return jsonOk(status);
}
