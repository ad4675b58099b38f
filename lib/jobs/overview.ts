import { getFacetTable } from "@/lib/facets/live-table";
import { type FacetDef } from "@/lib/facets/table";
import type { JobServices } from "./services";
import type { GeneratorOutcome, Job, JobLogLine } from "./types";
import { readModelMetrics } from "./model-metrics";
import { isPublishable } from "./rollback";

/** What the admin pages and the admin API show: plain data, safe to serialise. */

export interface VersionSummary {
  version: string;
  createdAt: string;
  records: number;
  modelVersion: string | null;
  metrics: Record<string, number | string>;
  jobId: number | null;
  requestedBy: string | null;
  current: boolean;
  /** Finished (or made outside a job): may be rolled back to. */
  publishable: boolean;
}

export interface FacetState {
  generator: string;
  label: string;
  current: VersionSummary | null;
  /** Newest first. */
  versions: VersionSummary[];
}

export function getFacetStates(services: Pick<JobServices, "store" | "jobs">, generators: readonly string[]): FacetState[] {
  return generators.map((generator) => {
    const facet = getFacetTable().find((f) => f.generator === generator);
    const current = services.store.getCurrentVersion(generator);
    const versions = services.store
      .listPredictionVersions(generator)
      .map(
        (v): VersionSummary => ({
          version: v.version,
          createdAt: v.createdAt,
          records: v.records,
          modelVersion: typeof v.meta.modelVersion === "string" ? v.meta.modelVersion : null,
          metrics: readModelMetrics(v.meta),
          jobId: typeof v.meta.jobId === "number" ? v.meta.jobId : null,
          requestedBy: typeof v.meta.requestedBy === "string" ? v.meta.requestedBy : null,
          current: v.version === current,
          publishable: isPublishable(services, v.meta),
        }),
      )
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.version.localeCompare(a.version)));
    return { generator, label: facet?.label ?? generator, current: versions.find((v) => v.current) ?? null, versions };
  });
}

export interface HistoryRow {
  id: number;
  kind: Job["kind"];
  state: Job["state"];
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  summary: string;
  error: string | null;
  outcomes: GeneratorOutcome[];
  training: { modelVersion: string; metrics: Record<string, unknown> } | null;
}

export function describeJob(job: Job): string {
  const o = job.options;
  if ("mode" in o) return `${o.mode === "retrain" ? "Retrain and re-predict" : "Re-predict"}: ${o.generators.join(", ")}`;
  return `Rollback of ${o.generator} to ${o.version}`;
}

export function toHistoryRow(job: Job): HistoryRow {
  const start = job.startedAt ?? job.createdAt;
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    requestedBy: job.requestedBy,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    durationMs: job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(start) : null,
    summary: describeJob(job),
    error: job.error,
    outcomes: job.result?.outcomes ?? [],
    training: job.result?.training ?? null,
  };
}

export function getHistory(services: Pick<JobServices, "jobs" | "sweep">, limit = 50): HistoryRow[] {
  // Reading the history is when a dead worker's job is noticed, even if nobody starts another.
  services.jobs.sweepStale(services.sweep);
  return services.jobs.listJobs(limit).map(toHistoryRow);
}

export interface JobStatus {
  job: (Pick<Job, "id" | "kind" | "state" | "stage" | "percent" | "recordsDone" | "recordsTotal" | "requestedBy" | "createdAt" | "finishedAt" | "error" | "cancelRequested"> & { summary: string }) | null;
  log: JobLogLine[];
}

/** The polling answer: the latest regeneration job's progress and the log lines after `afterLogId`. */
export function getLatestJobStatus(services: Pick<JobServices, "jobs" | "sweep">, afterLogId = 0, jobId?: number): JobStatus {
  services.jobs.sweepStale(services.sweep);
  const job = jobId !== undefined ? services.jobs.getJob(jobId) : services.jobs.getLatestJob("regenerate");
  if (!job) return { job: null, log: [] };
  const { id, kind, state, stage, percent, recordsDone, recordsTotal, requestedBy, createdAt, finishedAt, error, cancelRequested } = job;
  return {
    job: { id, kind, state, stage, percent, recordsDone, recordsTotal, requestedBy, createdAt, finishedAt, error, cancelRequested, summary: describeJob(job) },
    log: services.jobs.getLog(job.id, afterLogId),
  };
}
