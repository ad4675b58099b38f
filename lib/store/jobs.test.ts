import { beforeEach, describe, expect, it } from "vitest";
import { openStaffTestDb } from "@/lib/testing/staff-db";
import { JobLockedError, JobStore } from "./jobs";
import { JobTransitionError } from "@/lib/jobs/state";

const sweep = { heartbeatTimeoutMs: 30_000, queuedTimeoutMs: 60_000, host: "here", isPidAlive: () => true };
const options = { mode: "repredict" as const, generators: ["genre"] };

describe("JobStore", () => {
  let jobs: JobStore;
  beforeEach(() => {
    jobs = new JobStore(openStaffTestDb());
  });

  it("runs a job through queued -> running -> done with progress and a log", () => {
    const job = jobs.createJob({ kind: "regenerate", options, requestedBy: "a@example.org", now: 1000 }, sweep);
    expect(job.state).toBe("queued");
    expect(jobs.claim(job.id, 42, "here", 2000)).toBe(true);
    expect(jobs.claim(job.id, 43, "here", 2000)).toBe(false);
    expect(jobs.reportProgress(job.id, 42, { stage: "predicting genre", percent: 40, recordsDone: 400, recordsTotal: 1000 }, 3000)).toEqual({ owned: true, cancelRequested: false });
    // Another pid does not own it.
    expect(jobs.reportProgress(job.id, 99, { percent: 90 }).owned).toBe(false);
    const mid = jobs.getJob(job.id)!;
    expect(mid).toMatchObject({ state: "running", stage: "predicting genre", percent: 40, recordsDone: 400, recordsTotal: 1000, pid: 42 });
    expect(jobs.finish(job.id, "done", { pid: 42, result: { outcomes: [] } })).toBe(true);
    const done = jobs.getJob(job.id)!;
    expect(done.state).toBe("done");
    expect(done.percent).toBe(100);
    expect(done.result).toEqual({ outcomes: [] });
    expect(jobs.getLog(job.id).map((l) => l.message)).toEqual([expect.stringContaining("queued by a@example.org"), "worker 42 on here started", "done"]);
    expect(() => jobs.finish(job.id, "failed")).toThrow(JobTransitionError);
  });

  it("holds one job at a time and says who holds the lock", () => {
    const first = jobs.createJob({ kind: "regenerate", options, requestedBy: "a@example.org" }, sweep);
    expect(() => jobs.createJob({ kind: "regenerate", options, requestedBy: "b@example.org" }, sweep)).toThrow(JobLockedError);
    try {
      jobs.createJob({ kind: "regenerate", options, requestedBy: "b@example.org" }, sweep);
    } catch (err) {
      expect((err as JobLockedError).active.id).toBe(first.id);
      expect((err as Error).message).toContain("requested by a@example.org");
    }
    jobs.claim(first.id, 42, "here");
    jobs.finish(first.id, "failed", { error: "boom" });
    expect(jobs.createJob({ kind: "regenerate", options, requestedBy: "b@example.org" }, sweep).state).toBe("queued");
  });

  it("enforces the lock in the database itself", () => {
    const db = openStaffTestDb();
    const ins = db.prepare("INSERT INTO jobs (kind, state, options, requested_by, created_at_ms) VALUES ('regenerate', ?, '{}', 'x', 0)");
    ins.run("running");
    expect(() => ins.run("queued")).toThrow(/UNIQUE/);
    ins.run("done");
  });

  it("releases a stale lock: dead worker -> stale -> failed with its last stage", () => {
    const job = jobs.createJob({ kind: "regenerate", options, requestedBy: "a@example.org", now: 1000 }, sweep);
    jobs.claim(job.id, 4242, "here", 1000);
    jobs.reportProgress(job.id, 4242, { stage: "writing genre", percent: 70 }, 1500);
    const next = jobs.createJob({ kind: "regenerate", options, requestedBy: "b@example.org", now: 2000 }, { ...sweep, isPidAlive: (pid) => pid !== 4242 });
    const old = jobs.getJob(job.id)!;
    expect(old.state).toBe("failed");
    expect(old.error).toContain('during stage "writing genre"');
    expect(old.error).toContain("worker process 4242 is no longer running");
    expect(jobs.getLog(job.id).some((l) => l.message.startsWith("stale:"))).toBe(true);
    expect(next.state).toBe("queued");
  });

  it("releases a lock whose heartbeat stopped", () => {
    const job = jobs.createJob({ kind: "regenerate", options, requestedBy: "a", now: 0 }, sweep);
    jobs.claim(job.id, 1, "other-host", 0);
    expect(jobs.sweepStale({ ...sweep, now: 29_000 })).toEqual([]);
    const failed = jobs.sweepStale({ ...sweep, now: 31_000 });
    expect(failed.map((j) => j.id)).toEqual([job.id]);
    expect(failed[0]!.error).toContain("no heartbeat");
  });

  it("a worker that lost its job cannot finish it", () => {
    const job = jobs.createJob({ kind: "regenerate", options, requestedBy: "a", now: 0 }, sweep);
    jobs.claim(job.id, 1, "here", 0);
    jobs.sweepStale({ ...sweep, now: 100_000 });
    expect(jobs.finish(job.id, "done", { pid: 1 })).toBe(false);
    expect(jobs.reportProgress(job.id, 1, { percent: 50 }).owned).toBe(false);
    expect(jobs.getJob(job.id)!.state).toBe("failed");
  });

  it("cancels queued jobs at once and flags running ones", () => {
    const q = jobs.createJob({ kind: "regenerate", options, requestedBy: "a" }, sweep);
    expect(jobs.requestCancel(q.id, "b").state).toBe("cancelled");
    const r = jobs.createJob({ kind: "regenerate", options, requestedBy: "a" }, sweep);
    jobs.claim(r.id, 7, "here");
    expect(jobs.requestCancel(r.id, "b")).toMatchObject({ state: "running", cancelRequested: true });
    expect(jobs.reportProgress(r.id, 7, {}).cancelRequested).toBe(true);
    expect(jobs.finish(r.id, "cancelled", { pid: 7, error: "cancelled by b" })).toBe(true);
  });
});
