import fs from "node:fs";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { getServerEnv } from "@/lib/env";
import { COLLECTION_FILE } from "@/lib/records/data-files";
import { RESAMPLE_SEED, ResampleError, writeResampledCollection } from "./bench/resample-collection";

/** `npm run data:resample`: a large BL-format collection file for benchmarks (rows resampled, fresh ids). */
const program = new Command()
  .name("data:resample")
  .description("Write a collection CSV of --rows rows resampled (seeded, with replacement) from the BL export; every column kept, fresh unique BL record IDs.")
  .requiredOption("--output <csv>", "file to write (put it under WORK_DIR; never commit it)")
  .option("--rows <n>", "rows to write", (v) => Number(v), 1_000_000)
  .option("--seed <n>", "random seed (same seed and input give the same file)", (v) => Number(v), RESAMPLE_SEED)
  .option("--input <csv>", `source export (default: $BL_DATA_DIR/${COLLECTION_FILE})`)
  .option("--no-progress", "do not draw a progress bar");

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const dataDir = getServerEnv().BL_DATA_DIR;
  const input = opts.input ?? (dataDir ? path.join(dataDir, COLLECTION_FILE) : null);
  if (!input) {
    console.error(`data:resample: set BL_DATA_DIR to the folder holding ${COLLECTION_FILE}, or pass --input <csv>`);
    return 2;
  }
  if (!fs.existsSync(input)) {
    console.error(`data:resample: the source file ${input} does not exist`);
    return 2;
  }
  await fs.promises.mkdir(path.dirname(path.resolve(opts.output)), { recursive: true });
  const bar = new SingleBar({ format: "resample {bar} {percentage}% | {value}/{total} rows", hideCursor: true }, Presets.shades_classic);
  if (opts.progress) bar.start(opts.rows, 0);
  const t0 = performance.now();
  try {
    const summary = await writeResampledCollection({ input, output: opts.output, rows: opts.rows, seed: opts.seed, onProgress: (done) => opts.progress && bar.update(done) });
    if (opts.progress) bar.stop();
    const seconds = (performance.now() - t0) / 1000;
    console.log(`Wrote ${summary.rows.toLocaleString("en")} rows (${(summary.bytes / 2 ** 20).toFixed(0)} MiB) to ${opts.output} in ${seconds.toFixed(1)} s, resampled from ${summary.sourceRows.toLocaleString("en")} rows of ${input} (seed ${opts.seed}).`);
    if (summary.skippedSourceRows.length > 0) {
      console.warn(`${summary.skippedSourceRows.length} unreadable source row(s) were not resampled: ${summary.skippedSourceRows.slice(0, 5).map((s) => `line ${s.line} (${s.reason})`).join("; ")}${summary.skippedSourceRows.length > 5 ? "; ..." : ""}`);
    }
    return 0;
  } catch (error) {
    if (opts.progress) bar.stop();
    if (error instanceof ResampleError) {
      console.error(`data:resample: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
