import { describe, expect, it } from "vitest";
import { assertTransition, canTransition, judgeStaleness, isPidAlive, JobTransitionError, TRANSITIONS } from "./state";
import { JOB_STATES } from "./types";

describe("job state machine", () => {
  it("allows the documented paths", () => {
    expect(canTransition("queued", "running")).toBe(true);
    expect(canTransition("running", "done")).toBe(true);
    expect(canTransition("running", "failed")).toBe(true);
    expect(canTransition("running", "cancelled")).toBe(true);
    expect(canTransition("running", "stale")).toBe(true);
    expect(canTransition("stale", "failed")).toBe(true);
    expect(canTransition("queued", "cancelled")).toBe(true);
  });

  it("refuses leaving a final state and skipping running", () => {
    for (const from of ["done", "failed", "cancelled"] as const) {
      for (const to of JOB_STATES) expect(canTransition(from, to)).toBe(false);
    }
    expect(canTransition("queued", "done")).toBe(false);
    expect(canTransition("queued", "stale")).toBe(false);
    expect(canTransition("stale", "running")).toBe(false);
    expect(() => assertTransition("done", "running", 7)).toThrow(JobTransitionError);
    expect(() => assertTransition("done", "running", 7)).toThrow("job 7 cannot go from done to running");
  });

  it("has an entry for every state", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...JOB_STATES].sort());
  });
});

describe("staleness", () => {
  const base = { now: 100_000, heartbeatTimeoutMs: 30_000, queuedTimeoutMs: 60_000, host: "here", isPidAlive: () => true };
  const running = { state: "running" as const, heartbeatAtMs: 95_000, startedAtMs: 90_000, createdAtMs: 89_000, pid: 42, host: "here" };

  it("keeps a running job with a fresh heartbeat and a live pid", () => {
    expect(judgeStaleness(running, base)).toEqual({ stale: false });
  });

  it("declares a running job stale when its heartbeat is too old", () => {
    const v = judgeStaleness({ ...running, heartbeatAtMs: 60_000 }, base);
    expect(v.stale).toBe(true);
    expect(v.stale && v.reason).toContain("no heartbeat from the worker for 40 s");
  });

  it("declares a running job stale at once when its pid is dead on this host", () => {
    const v = judgeStaleness(running, { ...base, isPidAlive: (pid) => pid !== 42 });
    expect(v).toEqual({ stale: true, reason: "worker process 42 is no longer running" });
  });

  it("does not trust a pid recorded on another host", () => {
    expect(judgeStaleness({ ...running, host: "elsewhere" }, { ...base, isPidAlive: () => false })).toEqual({ stale: false });
  });

  it("fails a queued job nobody claimed", () => {
    expect(judgeStaleness({ ...running, state: "queued", pid: null, createdAtMs: 30_000 }, base).stale).toBe(true);
    expect(judgeStaleness({ ...running, state: "queued", pid: null, createdAtMs: 50_000 }, base).stale).toBe(false);
  });

  it("fails a queued job whose spawned worker already died", () => {
    const v = judgeStaleness({ ...running, state: "queued", heartbeatAtMs: null, createdAtMs: 99_000 }, { ...base, isPidAlive: () => false });
    expect(v).toEqual({ stale: true, reason: "worker process 42 exited before it started the job" });
  });

  it("ignores finished jobs", () => {
    expect(judgeStaleness({ ...running, state: "done", heartbeatAtMs: 0 }, base).stale).toBe(false);
  });

  it("detects dead and live processes", () => {
    expect(isPidAlive(process.pid)).toBe(true);
    expect(isPidAlive(2 ** 22 + 12345)).toBe(false);
  });
});
