import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLivePredictions } from "@/lib/facets/project";
import { parseRecordsFile } from "@/lib/records/parse";
import { openJobServices, type JobServices } from "./services";
import { spawnWorker } from "./spawn";
import { startRegeneration } from "./start";
import { isPidAlive } from "./state";
import type { BookRecord } from "@/lib/records/types";
import type { Job } from "./types";

/**
 * Fault test: the real worker process (scripts/worker.ts, spawned exactly as the web server
 * spawns it) is SIGKILLed at seeded random points of a regeneration, several times. Each time the
 * previous versions must stay current (pointers, revision and the search projection's live
 * versions unchanged), the job must end up failed with the stage it was in, and the lock must be
 * free; at the end a job must run to completion. Uses the real collection when BL_DATA_DIR is set.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const RUNS = 6;
const SEED = 20261125;
const RECORDS = 12000;
const GENERATORS = ["language"];
const WORKER_ARGS = ["--batch-size", "250"];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, fn: () => T | null | undefined | false, timeoutMs = 120_000, everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

describe("regeneration worker killed with SIGKILL", () => {
  let workDir: string;
  let s: JobServices;
  const figures: Array<{ run: number; delayMs: number; stageAtKill: string; stateAtKill: string; percentAtKill: number; outcome: string }> = [];

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "kill-test-"));
    // Set before anything reads the configuration: spawned workers inherit it.
    process.env.WORK_DIR = workDir;
    s = openJobServices(path.join(workDir, "store.sqlite"));
    s.store.upsertRecords(await loadKillTestRecords());
  });

  /**
   * The real collection when BL_DATA_DIR names it (as in CI); otherwise the hand-written e2e
   * fixture repeated under new ids, so a user without the data still runs the test with a job
   * long enough to be killed mid-stage.
   */
  async function loadKillTestRecords(): Promise<BookRecord[]> {
    const dataDir = process.env.BL_DATA_DIR;
    const real = dataDir ? path.join(dataDir, "bl-digitised-books.csv") : "";
    if (real && fs.existsSync(real)) {
      return (await parseRecordsFile(real, { fields: "none" })).records.slice(0, RECORDS);
    }
    console.warn(`kill test: BL_DATA_DIR does not hold bl-digitised-books.csv; using ${RECORDS} copies of the hand-written fixture e2e/fixtures/collection.csv`);
    const fixture = (await parseRecordsFile(path.join(ROOT, "e2e/fixtures/collection.csv"), { fields: "none" })).records;
    expect(fixture.length).toBeGreaterThan(0);
    return Array.from({ length: RECORDS }, (_, i) => {
      const base = fixture[i % fixture.length]!;
      return { ...base, id: `K${String(i).padStart(6, "0")}` };
    });
  }

  afterAll(() => {
    s?.close();
    if (figures.length) {
      console.log(`\nkill test: ${figures.length} runs, seed ${SEED}, ${RECORDS} records, generators ${GENERATORS.join(",")}`);
      for (const f of figures) console.log(`  run ${f.run}: killed ${f.delayMs} ms ${f.run === 1 ? "after spawning" : "after the claim"}, ${f.stateAtKill} at "${f.stageAtKill}" (${f.percentAtKill}%) -> ${f.outcome}`);
    }
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  function launch(requestedBy: string): { job: Job; pid: number } {
    let pid = 0;
    const job = startRegeneration(s, { mode: "repredict", generators: GENERATORS }, requestedBy, (id) => (pid = spawnWorker(id, ROOT, WORKER_ARGS)));
    return { job, pid };
  }

  async function runToEnd(requestedBy: string): Promise<{ job: Job; startupMs: number; workMs: number }> {
    const started = Date.now();
    const { job, pid } = launch(requestedBy);
    await waitFor("the worker to claim the job", () => s.jobs.getJob(job.id)!.state !== "queued" || !isPidAlive(pid));
    const claimed = Date.now();
    await waitFor("the worker to exit", () => !isPidAlive(pid));
    return { job: s.jobs.getJob(job.id)!, startupMs: claimed - started, workMs: Date.now() - claimed };
  }

  it("keeps the previous versions live at every kill, fails the job with its stage, and lets the next job complete", { timeout: 300_000 }, async () => {
    const first = await runToEnd("kill-test setup");
    expect(first.job.state, first.job.error ?? "").toBe("done");
    const rng = mulberry32(SEED);

    for (let run = 0; run < RUNS; run++) {
      const before = { version: s.store.getCurrentVersion("language"), revision: s.store.getRevision() };
      const livePredictions = s.store.getCurrentPredictions("language");
      // Run 1 dies while the worker starts up; the others at stratified, seeded points of the work
      // itself (one slice of the measured duration each), counted from when the worker claims the job.
      const { job, pid } = launch(`kill-test run ${run + 1}`);
      let delayMs: number;
      if (run === 0) {
        delayMs = Math.round(first.startupMs * rng() * 0.8);
        await sleep(delayMs);
      } else {
        await waitFor("the worker to claim the job", () => s.jobs.getJob(job.id)!.state !== "queued" || !isPidAlive(pid));
        delayMs = Math.round((first.workMs * 0.9 * (run - 1 + rng())) / (RUNS - 1));
        await sleep(delayMs);
      }
      const atKill = s.jobs.getJob(job.id)!;
      try {
        process.kill(pid, "SIGKILL");
      } catch (err) {
        // ESRCH: the worker had already finished and exited; checked as such below.
        if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
      }
      await waitFor("the killed worker to be gone", () => !isPidAlive(pid));
      const after = s.jobs.getJob(job.id)!;

      if (after.state === "done") {
        // Killed after it had already published: consistent the other way round.
        expect(s.store.getCurrentVersion("language")).toBe(after.result!.outcomes[0]!.version);
        figures.push({ run: run + 1, delayMs, stageAtKill: atKill.stage, stateAtKill: atKill.state, percentAtKill: Math.round(atKill.percent), outcome: "finished before the kill" });
        continue;
      }

      // The portal still serves the previous version: pointer, revision, rows and the projection's live version.
      expect(s.store.getCurrentVersion("language")).toBe(before.version);
      expect(s.store.getRevision()).toBe(before.revision);
      const now = s.store.getCurrentPredictions("language");
      expect(now.size).toBe(livePredictions.size);
      for (const [id, p] of [...livePredictions].slice(0, 200)) expect(now.get(id)?.value).toBe(p.value);
      expect(getLivePredictions(s.store).get("language")?.version).toBe(before.version);

      // Stale detection: the dead pid fails the job with the stage it had reached, and frees the lock.
      const swept = s.jobs.sweepStale(s.sweep);
      const failed = s.jobs.getJob(job.id)!;
      expect(swept.map((j) => j.id)).toEqual([job.id]);
      expect(failed.state).toBe("failed");
      expect(failed.error).toContain(after.state === "running" ? `during stage "${after.stage}"` : `worker process ${pid}`);
      expect(s.jobs.getActiveJob()).toBeNull();
      figures.push({ run: run + 1, delayMs, stageAtKill: after.stage, stateAtKill: after.state, percentAtKill: Math.round(after.percent), outcome: `failed: ${failed.error}` });
    }

    const killedStages = new Set(figures.filter((f) => f.outcome.startsWith("failed")).map((f) => f.stateAtKill + ":" + f.stageAtKill));
    expect(killedStages.size, `kills should land in different stages: ${[...killedStages].join(", ")}`).toBeGreaterThan(1);

    const before = s.store.getCurrentVersion("language");
    const last = await runToEnd("kill-test final");
    expect(last.job.state, last.job.error ?? "").toBe("done");
    const published = last.job.result!.outcomes[0]!;
    expect(published.previous).toBe(before);
    expect(s.store.getCurrentVersion("language")).toBe(published.version);
    expect(published.version).not.toBe(before);
  });
});
