import type { JobState } from "./types";

/**
 * The job state machine. `stale` is what a running job becomes when its worker stops answering
 * (heartbeat too old, or its process gone); the sweeper then fails it, recording the last stage,
 * which releases the lock.
 */
export const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  queued: ["running", "cancelled", "failed"],
  running: ["done", "failed", "cancelled", "stale"],
  stale: ["failed"],
  done: [],
  failed: [],
  cancelled: [],
};

export const ACTIVE_STATES: readonly JobState[] = ["queued", "running"];
export const FINAL_STATES: readonly JobState[] = ["done", "failed", "cancelled"];

export class JobTransitionError extends Error {
  override name = "JobTransitionError";
  constructor(
    readonly from: JobState,
    readonly to: JobState,
    readonly jobId?: number,
  ) {
    super(`job${jobId === undefined ? "" : ` ${jobId}`} cannot go from ${from} to ${to}`);
  }
}

export function canTransition(from: JobState, to: JobState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: JobState, to: JobState, jobId?: number): void {
  if (!canTransition(from, to)) throw new JobTransitionError(from, to, jobId);
}

export interface StalenessInput {
  state: JobState;
  heartbeatAtMs: number | null;
  startedAtMs: number | null;
  createdAtMs: number;
  pid: number | null;
  host: string | null;
}

export interface StalenessOptions {
  now: number;
  /** A running job whose last heartbeat is older than this is stale. */
  heartbeatTimeoutMs: number;
  /** A queued job no worker has claimed after this long is failed (the spawn did not work). */
  queuedTimeoutMs: number;
  /** This machine's host name: a pid is only meaningful on the host that recorded it. */
  host: string;
  isPidAlive: (pid: number) => boolean;
}

export type Staleness = { stale: false } | { stale: true; reason: string };

export function judgeStaleness(job: StalenessInput, opts: StalenessOptions): Staleness {
  if (job.state === "queued") {
    if (job.pid !== null && job.host === opts.host && !opts.isPidAlive(job.pid)) {
      return { stale: true, reason: `worker process ${job.pid} exited before it started the job` };
    }
    const waited = opts.now - job.createdAtMs;
    return waited > opts.queuedTimeoutMs ? { stale: true, reason: `no worker picked the job up within ${Math.round(opts.queuedTimeoutMs / 1000)} s` } : { stale: false };
  }
  if (job.state !== "running") return { stale: false };
  if (job.pid !== null && job.host === opts.host && !opts.isPidAlive(job.pid)) {
    return { stale: true, reason: `worker process ${job.pid} is no longer running` };
  }
  const last = job.heartbeatAtMs ?? job.startedAtMs ?? job.createdAtMs;
  const silent = opts.now - last;
  if (silent > opts.heartbeatTimeoutMs) return { stale: true, reason: `no heartbeat from the worker for ${Math.round(silent / 1000)} s` };
  return { stale: false };
}

/** Signal 0 checks existence without touching the process; EPERM means it exists but is not ours. */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
