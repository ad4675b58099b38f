import type Database from "better-sqlite3";
import { assertTransition, judgeStaleness, type StalenessOptions } from "@/lib/jobs/state";
import type { Job, JobKind, JobLogLine, JobProgress, JobResult, JobState, RegenerateOptions, RollbackOptions } from "@/lib/jobs/types";

/** Regeneration jobs, their log and the single-job lock, on the store's database handle. */

export class JobLockedError extends Error {
  override name = "JobLockedError";
  constructor(readonly active: Job) {
    super(`job ${active.id} (${active.kind}, requested by ${active.requestedBy}) is ${active.state}${active.state === "running" ? ` at "${active.stage}"` : ""}; only one job runs at a time`);
  }
}

export class JobNotFoundError extends Error {
  override name = "JobNotFoundError";
}

interface JobRow {
  id: number;
  kind: JobKind;
  state: JobState;
  options: string;
  requested_by: string;
  created_at_ms: number;
  started_at_ms: number | null;
  finished_at_ms: number | null;
  heartbeat_at_ms: number | null;
  pid: number | null;
  host: string | null;
  stage: string;
  percent: number;
  records_done: number;
  records_total: number | null;
  cancel_requested: number;
  error: string | null;
  result: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    options: JSON.parse(row.options) as RegenerateOptions | RollbackOptions,
    requestedBy: row.requested_by,
    createdAt: new Date(row.created_at_ms).toISOString(),
    startedAt: iso(row.started_at_ms),
    finishedAt: iso(row.finished_at_ms),
    heartbeatAt: iso(row.heartbeat_at_ms),
    pid: row.pid,
    host: row.host,
    stage: row.stage,
    percent: row.percent,
    recordsDone: row.records_done,
    recordsTotal: row.records_total,
    cancelRequested: row.cancel_requested === 1,
    error: row.error,
    result: row.result === null ? null : (JSON.parse(row.result) as JobResult),
  };
}

export type StaleSweepOptions = Omit<StalenessOptions, "now"> & { now?: number };

export class JobStore {
  constructor(private readonly db: Database.Database) {}

  /** Run `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private row(id: number): JobRow {
    const row = this.db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as JobRow | undefined;
    if (!row) throw new JobNotFoundError(`no job with id ${id}`);
    return row;
  }

  getJob(id: number): Job | null {
    const row = this.db.prepare("SELECT * FROM jobs WHERE id = ?").get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  getActiveJob(lockKey = "facets"): Job | null {
    const row = this.db.prepare("SELECT * FROM jobs WHERE lock_key = ? AND state IN ('queued', 'running') ORDER BY id DESC LIMIT 1").get(lockKey) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  getLatestJob(kind?: JobKind): Job | null {
    const row = (kind
      ? this.db.prepare("SELECT * FROM jobs WHERE kind = ? ORDER BY id DESC LIMIT 1").get(kind)
      : this.db.prepare("SELECT * FROM jobs ORDER BY id DESC LIMIT 1").get()) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  listJobs(limit = 50): Job[] {
    return (this.db.prepare("SELECT * FROM jobs ORDER BY id DESC LIMIT ?").all(limit) as JobRow[]).map(toJob);
  }

  /**
   * Queue a job, taking the lock. Stale jobs are swept first, so a killed worker never blocks
   * the next job. Throws JobLockedError when another job is queued or running.
   */
  createJob(input: { kind: JobKind; options: RegenerateOptions | RollbackOptions; requestedBy: string; lockKey?: string; now?: number }, sweep: StaleSweepOptions): Job {
    const now = input.now ?? Date.now();
    const lockKey = input.lockKey ?? "facets";
    return this.transaction(() => {
      this.sweepStale({ ...sweep, now });
      const active = this.getActiveJob(lockKey);
      if (active) throw new JobLockedError(active);
      const info = this.db
        .prepare("INSERT INTO jobs (kind, state, options, requested_by, created_at_ms, lock_key) VALUES (?, 'queued', ?, ?, ?, ?)")
        .run(input.kind, JSON.stringify(input.options), input.requestedBy, now, lockKey);
      const id = Number(info.lastInsertRowid);
      this.log(id, "info", `queued by ${input.requestedBy}: ${JSON.stringify(input.options)}`, now);
      return toJob(this.row(id));
    });
  }

  /** The spawner records the worker's pid before it claims the job, so a worker that dies while starting is noticed too. */
  assignWorker(id: number, pid: number, host: string): void {
    this.db.prepare("UPDATE jobs SET pid = ?, host = ? WHERE id = ? AND state = 'queued'").run(pid, host, id);
  }

  /** A worker takes a queued job. False if it is no longer queued (cancelled, failed, taken). */
  claim(id: number, pid: number, host: string, now = Date.now()): boolean {
    return this.transaction(() => {
      const row = this.row(id);
      if (row.state !== "queued") return false;
      this.db
        .prepare("UPDATE jobs SET state = 'running', started_at_ms = ?, heartbeat_at_ms = ?, pid = ?, host = ?, stage = 'starting' WHERE id = ? AND state = 'queued'")
        .run(now, now, pid, host, id);
      this.log(id, "info", `worker ${pid} on ${host} started`, now);
      return true;
    });
  }

  /**
   * Record progress and beat the heart. Returns what the worker must know: whether it still owns
   * the job (it may have been declared stale) and whether cancelling was asked for.
   */
  reportProgress(id: number, pid: number, progress: Partial<JobProgress>, now = Date.now()): { owned: boolean; cancelRequested: boolean } {
    const info = this.db
      .prepare(
        `UPDATE jobs SET heartbeat_at_ms = ?,
           stage = coalesce(?, stage), percent = coalesce(?, percent),
           records_done = coalesce(?, records_done), records_total = coalesce(?, records_total)
         WHERE id = ? AND state = 'running' AND pid = ?`,
      )
      .run(now, progress.stage ?? null, progress.percent === undefined ? null : Math.max(0, Math.min(100, progress.percent)), progress.recordsDone ?? null, progress.recordsTotal ?? null, id, pid);
    const row = this.db.prepare("SELECT cancel_requested FROM jobs WHERE id = ?").get(id) as { cancel_requested: number } | undefined;
    return { owned: info.changes > 0, cancelRequested: row?.cancel_requested === 1 };
  }

  log(id: number, level: JobLogLine["level"], message: string, now = Date.now()): void {
    this.db.prepare("INSERT INTO job_log (job_id, at_ms, level, message) VALUES (?, ?, ?, ?)").run(id, now, level, message.slice(0, 4000));
  }

  getLog(id: number, afterId = 0, limit = 500): JobLogLine[] {
    const rows = this.db.prepare("SELECT id, at_ms, level, message FROM job_log WHERE job_id = ? AND id > ? ORDER BY id LIMIT ?").all(id, afterId, limit) as Array<{
      id: number;
      at_ms: number;
      level: JobLogLine["level"];
      message: string;
    }>;
    return rows.map((r) => ({ id: r.id, at: new Date(r.at_ms).toISOString(), level: r.level, message: r.message }));
  }

  /**
   * Move a job to a final state, checking the state machine. With `pid`, only if that worker
   * still owns it. Returns false when the job had already moved on (e.g. swept as stale).
   */
  finish(id: number, to: Extract<JobState, "done" | "failed" | "cancelled">, detail: { error?: string; result?: JobResult; pid?: number; now?: number } = {}): boolean {
    const now = detail.now ?? Date.now();
    return this.transaction(() => {
      const row = this.row(id);
      if (detail.pid !== undefined && (row.pid !== detail.pid || row.state !== "running")) return false;
      assertTransition(row.state, to, id);
      this.db
        .prepare("UPDATE jobs SET state = ?, finished_at_ms = ?, error = ?, result = coalesce(?, result), percent = CASE WHEN ? = 'done' THEN 100 ELSE percent END, stage = CASE WHEN ? = 'done' THEN 'done' ELSE stage END WHERE id = ?")
        .run(to, now, detail.error ?? null, detail.result ? JSON.stringify(detail.result) : null, to, to, id);
      this.log(id, to === "done" ? "info" : to === "cancelled" ? "warn" : "error", to === "done" ? "done" : `${to}${detail.error ? `: ${detail.error}` : ""}`, now);
      return true;
    });
  }

  /** Queued jobs are cancelled at once; running ones get a flag their worker checks. */
  requestCancel(id: number, by: string, now = Date.now()): Job {
    return this.transaction(() => {
      const row = this.row(id);
      if (row.state === "queued") {
        this.finish(id, "cancelled", { error: `cancelled by ${by} before it started`, now });
      } else if (row.state === "running") {
        this.db.prepare("UPDATE jobs SET cancel_requested = 1 WHERE id = ?").run(id);
        this.log(id, "warn", `cancel requested by ${by}`, now);
      }
      return toJob(this.row(id));
    });
  }

  /** Fail queued/running jobs whose worker is gone. Returns the jobs it failed. */
  sweepStale(opts: StaleSweepOptions): Job[] {
    const now = opts.now ?? Date.now();
    return this.transaction(() => {
      const rows = this.db.prepare("SELECT * FROM jobs WHERE state IN ('queued', 'running')").all() as JobRow[];
      const failed: Job[] = [];
      for (const row of rows) {
        const verdict = judgeStaleness(
          { state: row.state, heartbeatAtMs: row.heartbeat_at_ms, startedAtMs: row.started_at_ms, createdAtMs: row.created_at_ms, pid: row.pid, host: row.host },
          { ...opts, now },
        );
        if (!verdict.stale) continue;
        if (row.state === "running") {
          assertTransition("running", "stale", row.id);
          this.db.prepare("UPDATE jobs SET state = 'stale' WHERE id = ?").run(row.id);
          this.log(row.id, "warn", `stale: ${verdict.reason}`, now);
          assertTransition("stale", "failed", row.id);
        }
        const error = row.state === "running" ? `worker lost during stage "${row.stage}" (${verdict.reason}); the previous versions stay current` : verdict.reason;
        this.db.prepare("UPDATE jobs SET state = 'failed', finished_at_ms = ?, error = ? WHERE id = ?").run(now, error, row.id);
        this.log(row.id, "error", `failed: ${error}`, now);
        failed.push(toJob(this.row(row.id)));
      }
      return failed;
    });
  }

  /** Record an instantaneous job (a rollback) as done, for the history. */
  recordInstant(kind: JobKind, options: RegenerateOptions | RollbackOptions, requestedBy: string, result: JobResult | null, message: string, now = Date.now()): Job {
    return this.transaction(() => {
      const info = this.db
        .prepare(
          "INSERT INTO jobs (kind, state, options, requested_by, created_at_ms, started_at_ms, finished_at_ms, stage, percent, result, lock_key) VALUES (?, 'done', ?, ?, ?, ?, ?, 'done', 100, ?, ?)",
        )
        .run(kind, JSON.stringify(options), requestedBy, now, now, now, result ? JSON.stringify(result) : null, "facets");
      const id = Number(info.lastInsertRowid);
      this.log(id, "info", message, now);
      return toJob(this.row(id));
    });
  }
}
