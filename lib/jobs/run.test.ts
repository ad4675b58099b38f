import { beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "@/lib/store";
import { JobStore } from "@/lib/store/jobs";
import { StaffStore } from "@/lib/store/staff";
import { buildTestRecord } from "@/lib/testing/book-record";
import type { JobServices } from "./services";
import { runRegenerateJob, type FacetWork } from "./run";
import { rollbackTo, RollbackError } from "./rollback";

const sweep = { heartbeatTimeoutMs: 30_000, queuedTimeoutMs: 60_000, host: "here", isPidAlive: () => true };
const TITLES = ["A tale of two cities", "A history of Rome", "Poems", "The geology of Devon", "Ivanhoe: a romance"];

function openServices(): JobServices {
  const store = openSqliteStore(":memory:");
  store.upsertRecords(TITLES.map((t, i) => buildTestRecord(`r${i}`, t)));
  return { store, staff: new StaffStore(store.db), jobs: new JobStore(store.db), sweep, close: () => store.close() };
}

/** A rule-based "model": labels by whether the title contains one of `words`. */
function ruleWork(services: JobServices, words: string[], failAt?: number): FacetWork {
  let n = 0;
  return {
    async train(_generators, progress) {
      progress(1, 1);
      return { modelVersion: `rules-${words.join("+")}`, metrics: { macroF1: 0.5 } };
    },
    async predict(generator, meta, progress) {
      const version = `${generator}-v${++n}-${words.join("+")}`;
      const records = [...services.store.iterateRecords()];
      const rows = records.map((r, i) => {
        if (failAt !== undefined && i === failAt) throw new Error("model file is corrupt");
        progress(i + 1, records.length);
        return { recordId: r.id, value: words.some((w) => r.title.toLowerCase().includes(w)) ? "Fiction" : "Non-fiction", confidence: 0.9 };
      });
      services.store.putPredictionVersion({ generator, version, createdAt: new Date().toISOString(), meta }, rows);
      return { version };
    },
  };
}

describe("regeneration job runner", () => {
  let s: JobServices;
  beforeEach(() => {
    s = openServices();
  });

  function queue(mode: "repredict" | "retrain" = "repredict") {
    return s.jobs.createJob({ kind: "regenerate", options: { mode, generators: ["genre"] }, requestedBy: "ada@example.org" }, sweep);
  }

  it("writes a version, compares it with the current one and flips the pointer with 'done'", async () => {
    const first = await runRegenerateJob(s, queue().id, ruleWork(s, ["tale"]), { host: "here" });
    expect(first.state).toBe("done");
    expect(first.percent).toBe(100);
    const v1 = s.store.getCurrentVersion("genre");
    expect(v1).toBe("genre-v1-tale");
    expect(first.result!.outcomes[0]).toMatchObject({ generator: "genre", previous: null, records: 5, changed: 5 });

    const revisionBefore = s.store.getRevision();
    const second = await runRegenerateJob(s, queue("retrain").id, ruleWork(s, ["tale", "poems", "romance"]), { host: "here" });
    expect(second.state).toBe("done");
    expect(s.store.getRevision()).toBeGreaterThan(revisionBefore);
    const outcome = second.result!.outcomes[0]!;
    expect(outcome.previous).toBe(v1);
    expect(outcome.changed).toBe(2);
    expect(outcome.examples.map((e) => [e.recordId, e.title, e.from, e.to])).toEqual([
      ["r2", "Poems", "Non-fiction", "Fiction"],
      ["r4", "Ivanhoe: a romance", "Non-fiction", "Fiction"],
    ]);
    expect(outcome.meta).toMatchObject({ jobId: second.id, requestedBy: "ada@example.org", mode: "retrain", trainedModel: "rules-tale+poems+romance" });
    expect(second.result!.training).toEqual({ modelVersion: "rules-tale+poems+romance", metrics: { macroF1: 0.5 } });
    expect(s.jobs.getLog(second.id).map((l) => l.message)).toContain("stage: training");
  });

  it("fails with its stage and leaves the current version live when the model breaks", async () => {
    await runRegenerateJob(s, queue().id, ruleWork(s, ["tale"]), { host: "here" });
    const job = await runRegenerateJob(s, queue().id, ruleWork(s, ["poems"], 3), { host: "here" });
    expect(job.state).toBe("failed");
    expect(job.error).toBe('failed during stage "predicting genre": model file is corrupt');
    expect(s.store.getCurrentVersion("genre")).toBe("genre-v1-tale");
    // The lock is free again.
    expect(queue().state).toBe("queued");
  });

  it("stops when cancelled and publishes nothing", async () => {
    await runRegenerateJob(s, queue().id, ruleWork(s, ["tale"]), { host: "here" });
    const id = queue().id;
    const work = ruleWork(s, ["poems"]);
    const cancelling: FacetWork = {
      ...work,
      async predict(generator, meta, progress, log) {
        s.jobs.requestCancel(id, "grace@example.org");
        return work.predict(generator, meta, progress, log);
      },
    };
    const job = await runRegenerateJob(s, id, cancelling, { host: "here", progressIntervalMs: 0 });
    expect(job.state).toBe("cancelled");
    expect(s.store.getCurrentVersion("genre")).toBe("genre-v1-tale");
  });

  it("stops a long training step on cancel and records the job as cancelled, not failed", async () => {
    const id = queue("retrain").id;
    let killed = false;
    let release: (() => void) | undefined;
    const work: FacetWork = {
      ...ruleWork(s, ["tale"]),
      // Like a training child process: silent until it ends, and it ends when killed.
      train: () => new Promise((_, reject) => (release = () => reject(new Error("scripts/train.ts was stopped by SIGTERM")))),
    };
    const running = runRegenerateJob(s, id, work, {
      host: "here",
      heartbeatMs: 20,
      onStop: () => {
        killed = true;
        release?.();
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    s.jobs.requestCancel(id, "grace@example.org");
    const job = await running;
    expect(killed).toBe(true);
    expect(job.state).toBe("cancelled");
    expect(s.store.getCurrentVersion("genre")).toBeNull();
  });

  it("rolls back to an earlier version atomically and records it in the history", async () => {
    await runRegenerateJob(s, queue().id, ruleWork(s, ["tale"]), { host: "here" });
    await runRegenerateJob(s, queue().id, ruleWork(s, ["tale", "poems"]), { host: "here" });
    expect(s.store.getCurrentVersion("genre")).toBe("genre-v1-tale+poems");
    const entry = rollbackTo(s, "genre", "genre-v1-tale", "ada@example.org");
    expect(s.store.getCurrentVersion("genre")).toBe("genre-v1-tale");
    expect(entry).toMatchObject({ kind: "rollback", state: "done", requestedBy: "ada@example.org" });
    expect(entry.result!.outcomes[0]).toMatchObject({ previous: "genre-v1-tale+poems", version: "genre-v1-tale", changed: 1 });
    expect(s.store.getCurrentPredictions("genre").get("r2")?.value).toBe("Non-fiction");

    expect(() => rollbackTo(s, "genre", "genre-v1-tale", "ada@example.org")).toThrow("already current");
    expect(() => rollbackTo(s, "genre", "nope", "ada@example.org")).toThrow(RollbackError);
  });

  it("refuses rollback while a job runs, and to versions of unfinished jobs", async () => {
    await runRegenerateJob(s, queue().id, ruleWork(s, ["tale"]), { host: "here" });
    const failed = await runRegenerateJob(s, queue().id, ruleWork(s, ["poems"], 4), { host: "here" });
    expect(failed.state).toBe("failed");
    // The failing run wrote nothing (its transaction rolled back); write an orphan as a killed worker would.
    s.store.putPredictionVersion({ generator: "genre", version: "orphan", createdAt: new Date().toISOString(), meta: { jobId: failed.id } }, []);
    expect(() => rollbackTo(s, "genre", "orphan", "ada@example.org")).toThrow("never published");
    const active = queue();
    expect(() => rollbackTo(s, "genre", "genre-v1-tale", "ada@example.org")).toThrow(`job ${active.id} is queued`);
  });
});
