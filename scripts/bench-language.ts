import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { getServerEnv } from "@/lib/env";
import { parseRecordsFile } from "@/lib/records/parse";
import { identifyTitles, LANGUAGE_GENERATOR_VERSION, loadLid176 } from "@/ml/language/identify";

/**
 * `npm run bench:language`: throughput of the title language identifier on the real collection
 * (whole-collection runs) and the latency of single-title calls, with machine details.
 */
const program = new Command()
  .name("bench-language")
  .description("Benchmark fastText lid.176 title language identification on the collection titles.")
  .option("--records <file>", "records CSV (default: $BL_DATA_DIR/bl-digitised-books.csv)")
  .option("--runs <n>", "whole-collection runs", (v) => Number.parseInt(v, 10), 5)
  .option("--singles <n>", "single-title calls to time", (v) => Number.parseInt(v, 10), 2000);

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const dataDir = getServerEnv().BL_DATA_DIR;
  const file = opts.records ?? (dataDir ? path.join(dataDir, "bl-digitised-books.csv") : undefined);
  if (!file || !fs.existsSync(file)) {
    console.error(`bench-language: records file not found (${file ?? "set BL_DATA_DIR or pass --records"})`);
    return 2;
  }
  if (!(opts.runs >= 1) || !(opts.singles >= 1)) {
    console.error("bench-language: --runs and --singles must be positive integers");
    return 2;
  }
  const titles = (await parseRecordsFile(file, { fields: "none" })).records.map((r) => r.title);
  const loadStart = performance.now();
  await loadLid176();
  const loadMs = performance.now() - loadStart;
  await identifyTitles(titles.slice(0, 500)); // warm-up (JIT, wasm tiers)

  const runs: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const start = performance.now();
    await identifyTitles(titles);
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);

  const singles: number[] = [];
  const step = Math.max(1, Math.floor(titles.length / opts.singles));
  for (let i = 0; i < titles.length && singles.length < opts.singles; i += step) {
    const start = performance.now();
    await identifyTitles([titles[i]!]);
    singles.push(performance.now() - start);
  }
  singles.sort((a, b) => a - b);

  const median = quantile(runs, 0.5);
  const cpu = os.cpus();
  console.log(`${LANGUAGE_GENERATOR_VERSION}: ${titles.length} titles, ${opts.runs} runs, one thread`);
  console.log(`  machine: ${cpu[0]?.model ?? "unknown CPU"} x${cpu.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`  model load: ${loadMs.toFixed(0)} ms`);
  console.log(`  whole collection: median ${(median / 1000).toFixed(2)} s, p95 ${(quantile(runs, 0.95) / 1000).toFixed(2)} s, ${Math.round(titles.length / (median / 1000))} titles/s`);
  console.log(`  single title: median ${(quantile(singles, 0.5) * 1000).toFixed(0)} us, p95 ${(quantile(singles, 0.95) * 1000).toFixed(0)} us (${singles.length} calls)`);
  console.log(`  rss: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  return 0;
}

process.exitCode = await main();
