import { authorizeApi } from "@/lib/auth/guards";
import { jsonError, jsonOk } from "@/lib/jobs/api";
import { getJobServices } from "@/lib/jobs/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST: ask the job's worker to stop (a queued job is cancelled at once). Staff. */
export async function POST(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request, "staff");
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const jobId = Number(id);
  if (!Number.isInteger(jobId) || jobId < 1) return jsonError(400, `job id must be a positive whole number, got "${id.slice(0, 40)}"`);
  const services = getJobServices();
  const job = services.jobs.getJob(jobId);
  if (!job) return jsonError(404, `no job ${jobId}`);
  if (job.state !== "queued" && job.state !== "running") return jsonError(409, `job ${jobId} is already ${job.state}`);
  return jsonOk({ job: services.jobs.requestCancel(jobId, auth.session.email) });
}
