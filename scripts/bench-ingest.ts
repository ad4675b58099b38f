import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { getServerEnv, workPaths } from "@/lib/env";
import { COLLECTION_FILE, chooseDataDir } from "@/lib/records/data-files";
import { ingestRecords } from "@/lib/records/ingest";
import { openStore } from "@/lib/store";
import type { Prediction } from "@/lib/store/types";

/**
 * `npx tsx scripts/bench-ingest.ts`: ingest of the real collection into a fresh on-disk store,
 * a second (unchanged) ingest, a full iterateRecords pass, and putPredictionVersion of one
 * prediction per record. Prints median / min / max over --runs with machine details.
 */
const program = new Command()
  .name("bench-ingest")
  .description("Measure ingest into a fresh store, re-ingest, iteration and prediction-version writes on the real collection.")
  .option("--runs <n>", "runs (median reported)", (v) => Number(v), 3)
  .option("--input <csv>", `collection CSV (default: $BL_DATA_DIR/${COLLECTION_FILE})`);

type Timing = Record<"ingest" | "ingest (CPU)" | "parse" | "store" | "reingest" | "iterate" | "predictions", number>;

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const paths = workPaths(env);
  const input = opts.input ?? path.join(chooseDataDir({ BL_DATA_DIR: env.BL_DATA_DIR, WORK_DIR: paths.root }).dir, COLLECTION_FILE);
  if (!fs.existsSync(input)) {
    console.error(`bench-ingest: ${input} not found; set BL_DATA_DIR or pass --input (see docs/data.md).`);
    return 2;
  }
  const dir = path.join(paths.root, "bench", "ingest");
  const runs: Timing[] = [];
  let records = 0;
  for (let i = 0; i < opts.runs; i++) {
    fs.rmSync(dir, { recursive: true, force: true });
    const store = openStore(path.join(dir, "store.sqlite"));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const first = await ingestRecords({ input, store, rejectsDir: path.join(dir, "rejects") });
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    const second = await ingestRecords({ input, store, rejectsDir: path.join(dir, "rejects") });
    const t2 = performance.now();
    const ids: string[] = [];
    for (const r of store.iterateRecords()) ids.push(r.id);
    const t3 = performance.now();
    const rows: Prediction[] = ids.map((id, k) => ({ recordId: id, value: k % 3 ? "Non-fiction" : "Fiction", confidence: (k % 100) / 100, extra: { p_fiction: (k % 100) / 100 } }));
    const t4 = performance.now();
    store.putPredictionVersion({ generator: "bench", version: `v${i}`, createdAt: new Date().toISOString(), meta: {} }, rows);
    const t5 = performance.now();
    store.close();
    if (second.summary.unchanged !== first.summary.inserted) throw new Error("re-ingest changed records");
    records = first.summary.inserted;
    runs.push({
      ingest: (t1 - t0) / 1000,
      // CPU seconds of this process: on a shared, loaded machine wall time overstates the cost.
      "ingest (CPU)": (c1.user + c1.system) / 1e6,
      parse: first.seconds.parse,
      store: first.seconds.write,
      reingest: (t2 - t1) / 1000,
      iterate: (t3 - t2) / 1000,
      predictions: (t5 - t4) / 1000,
    });
  }
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? "?"} x${cpus.length}, node ${process.version}, load avg ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`input: ${input} -> ${records} records, fresh on-disk store each run, runs: ${opts.runs}`);
  for (const key of Object.keys(runs[0]!) as Array<keyof Timing>) {
    const xs = runs.map((r) => r[key]).sort((a, b) => a - b);
    const med = xs[Math.floor(xs.length / 2)]!;
    console.log(`${key.padEnd(13)} median ${med.toFixed(2)} s  min ${xs[0]!.toFixed(2)} s  max ${xs.at(-1)!.toFixed(2)} s  (${Math.round(records / med).toLocaleString("en")} records/s)`);
  }
  return 0;
}

process.exitCode = await main();
