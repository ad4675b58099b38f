import { diffPredictionVersions } from "@/lib/store/prediction-diff";
import type { JobServices } from "./services";
import type { GeneratorOutcome, Job, JobResult, RegenerateOptions } from "./types";
import { isRegenerateOptions } from "./rollback";

/** Reports records done within the current stage; throws JobStoppedError once the job must stop. */
export type StageProgress = (done: number, total: number | null) => void;

/** The ML side of a regeneration, kept behind an interface so the runner is testable and swappable. */
export interface FacetWork {
  /** Retrain the models behind these generators (e.g. `npm run train`); returns the new model's version and metrics. */
  train(generators: string[], progress: StageProgress, log: (message: string) => void): Promise<{ modelVersion: string; metrics: Record<string, unknown> }>;
  /**
   * Predict every record with one generator and store the result as a new version WITHOUT making
   * it current; returns the version's name. `meta` must be stored with the version.
   */
  predict(generator: string, meta: Record<string, unknown>, progress: StageProgress, log: (message: string) => void): Promise<{ version: string }>;
}

export class JobStoppedError extends Error {
  override name = "JobStoppedError";
  constructor(readonly why: "cancelled" | "lost") {
    super(why === "cancelled" ? "cancelled at the request of a staff member" : "the job was taken from this worker (declared stale)");
  }
}

export interface RunOptions {
  pid?: number;
  host: string;
  /** How often the worker beats even when no progress is reported. */
  heartbeatMs?: number;
  /** Progress is written at most this often (the page polls once a second). */
  progressIntervalMs?: number;
  /** Called once when the job must stop (cancelled, or taken away), e.g. to kill a training process. */
  onStop?: () => void;
  /** For the CLI's progress bar. */
  onProgress?: (job: Pick<Job, "stage" | "percent" | "recordsDone" | "recordsTotal">) => void;
}

/**
 * Run one claimed-or-queued regeneration job to its end. New versions are written first and
 * made current only in the final transaction (together with marking the job done), so a worker
 * killed at any point leaves the previous versions live.
 */
export async function runRegenerateJob(services: Pick<JobServices, "store" | "jobs">, jobId: number, work: FacetWork, opts: RunOptions): Promise<Job> {
  const { jobs, store } = services;
  const pid = opts.pid ?? process.pid;
  const initial = jobs.getJob(jobId);
  if (!initial) throw new Error(`no job with id ${jobId}`);
  if (!isRegenerateOptions(initial.options)) throw new Error(`job ${jobId} is a ${initial.kind} job, not a regeneration`);
  const options: RegenerateOptions = initial.options;
  if (initial.state === "queued" && !jobs.claim(jobId, pid, opts.host)) throw new Error(`job ${jobId} could not be claimed (it is no longer queued)`);
  if (initial.state !== "queued" && (initial.state !== "running" || initial.pid !== pid)) throw new Error(`job ${jobId} is ${initial.state}; nothing to run`);

  const stages = [...(options.mode === "retrain" ? ["training"] : []), ...options.generators.map((g) => `predicting ${g}`)];
  let stageIndex = 0;
  let stop: JobStoppedError | null = null;
  let lastWrite = 0;
  const interval = opts.progressIntervalMs ?? 250;
  const log = (message: string) => jobs.log(jobId, "info", message);

  const beat = (progress: { stage?: string; percent?: number; recordsDone?: number; recordsTotal?: number }, force = false) => {
    const now = Date.now();
    if (!force && now - lastWrite < interval) return;
    lastWrite = now;
    const answer = jobs.reportProgress(jobId, pid, progress, now);
    const before = stop;
    if (!answer.owned) stop = new JobStoppedError("lost");
    else if (answer.cancelRequested) stop ??= new JobStoppedError("cancelled");
    if (!before && stop) opts.onStop?.();
    const job = jobs.getJob(jobId);
    if (job && opts.onProgress) opts.onProgress(job);
  };
  const checkpoint = () => {
    if (stop) throw stop;
  };
  const percentAt = (fraction: number) => Math.min(99, ((stageIndex + Math.max(0, Math.min(1, fraction))) / (stages.length + 0.2)) * 100);
  const stageProgress: StageProgress = (done, total) => {
    beat({ percent: percentAt(total ? done / total : 0), recordsDone: done, ...(total !== null ? { recordsTotal: total } : {}) });
    checkpoint();
  };
  const enterStage = (stage: string, resetRecords = true) => {
    beat({ stage, percent: percentAt(0), ...(resetRecords ? { recordsDone: 0 } : {}) }, true);
    log(`stage: ${stage}`);
    checkpoint();
  };

  const timer = setInterval(() => beat({}, true), opts.heartbeatMs ?? 2000);
  try {
    let training: JobResult["training"];
    if (options.mode === "retrain") {
      enterStage("training");
      training = await work.train(options.generators, stageProgress, log);
      log(`trained model ${training.modelVersion}`);
      stageIndex++;
    }
    const written: Array<{ generator: string; version: string }> = [];
    for (const generator of options.generators) {
      enterStage(`predicting ${generator}`);
      const meta = { jobId, requestedBy: initial.requestedBy, mode: options.mode, ...(training ? { trainedModel: training.modelVersion } : {}) };
      const { version } = await work.predict(generator, meta, stageProgress, log);
      log(`stored ${generator} version ${version} (not yet current)`);
      written.push({ generator, version });
      stageIndex++;
    }

    enterStage("comparing with the current versions", false);
    const outcomes: GeneratorOutcome[] = written.map(({ generator, version }) => {
      const previous = store.getCurrentVersion(generator);
      const stored = store.listPredictionVersions(generator).find((v) => v.version === version);
      if (!stored) throw new Error(`version ${version} of ${generator} was not found in the store after writing it`);
      const diff = diffPredictionVersions(store.db, generator, previous, version);
      log(`${generator}: ${diff.changed} of ${stored.records} records changed value since ${previous ?? "no previous version"}`);
      return { generator, version, previous, records: stored.records, changed: diff.changed, examples: diff.examples, meta: stored.meta };
    });

    enterStage("publishing", false);
    checkpoint();
    // The one moment the portal's facets change: every pointer flips with the job's "done".
    jobs.transaction(() => {
      if (!jobs.finish(jobId, "done", { pid, result: { outcomes, training } })) throw new JobStoppedError("lost");
      for (const o of outcomes) store.setCurrentVersion(o.generator, o.version);
    });
  } catch (caught) {
    // A step that failed because we stopped it (e.g. the killed training process) counts as the stop.
    const err = stop ?? caught;
    if (err instanceof JobStoppedError && err.why === "lost") {
      // Someone else already failed this job; writing to it again would fight them.
    } else if (err instanceof JobStoppedError) {
      jobs.finish(jobId, "cancelled", { pid, error: err.message });
    } else {
      const stage = jobs.getJob(jobId)?.stage ?? "unknown";
      const message = err instanceof Error ? err.message : String(err);
      jobs.finish(jobId, "failed", { pid, error: `failed during stage "${stage}": ${message}` });
      if (err instanceof Error && err.stack) jobs.log(jobId, "error", err.stack);
    }
  } finally {
    clearInterval(timer);
  }
  const final = jobs.getJob(jobId)!;
  opts.onProgress?.(final);
  return final;
}
