import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { predictCsvFile } from "@/ml/predict/predict-csv";
import { peakRssMiB } from "./bench/peak-rss";

/** `npm run predict`: genre for every record of a BL-format CSV (rows need only `BL record ID` and `Title`). */
const program = new Command()
  .name("predict")
  .description("Predict Fiction/Non-fiction for every record of a CSV in the BL export format. Output columns: BL record ID,genre,genre_confidence,p_fiction,model_version.")
  .requiredOption("--input <csv>", "input CSV (BL export format; needs at least the columns BL record ID and Title)")
  .requiredOption("--output <csv>", "output CSV")
  .option("--model <dir>", "model folder (default: the current, else newest, under <work-dir>/models/genre)")
  .option("--work-dir <dir>", "working folder (default: $WORK_DIR or ./work)")
  .option("--rejects <csv>", "where rows without an id or title are listed (default: <output>.rejects.csv)")
  .option("--workers <n>", "scoring worker threads besides the main thread, which scores too (1 uses two cores; 0 = main thread only; files under 4 MiB always use the main thread)", (v) => Number.parseInt(v, 10), 1)
  .option("--no-progress", "do not draw a progress bar")
  .option("--json", "print the summary as one JSON line (with CPU seconds and peak RSS) instead of sentences", false);

async function main(): Promise<number> {
  const opts = program.parse().opts();
  if (!Number.isInteger(opts.workers) || opts.workers < 0) {
    console.error(`predict: --workers must be a non-negative integer, got ${String(opts.workers)}`);
    return 2;
  }
  // The environment and the model folders are read only when --model is not given: both load
  // zod, which costs about 0.2 s of start-up (the model itself is loaded without it).
  let modelDir = opts.model;
  if (!modelDir) {
    const workDir = opts.workDir ?? (await import("@/lib/env")).getServerEnv().WORK_DIR;
    modelDir = (await import("@/ml/model/artifacts")).latestModelDir(workDir) ?? undefined;
    if (!modelDir) {
      console.error(`predict: no genre model in ${path.resolve(workDir, "models", "genre")}: run npm run train first (or pass --model <dir>)`);
      return 2;
    }
  }
  const rejectsFile = opts.rejects ?? `${opts.output}.rejects.csv`;
  const { Presets, SingleBar } = opts.progress ? await import("cli-progress") : { Presets: null, SingleBar: null };
  const bar = SingleBar && Presets ? new SingleBar({ format: "predict {bar} {percentage}% | {records} rows", hideCursor: true }, Presets.shades_classic) : null;
  let started = false;
  const summary = await predictCsvFile({
    input: opts.input,
    output: opts.output,
    rejectsFile,
    modelDir,
    workers: opts.workers,
    minBytesForWorkers: 4 * 2 ** 20,
    onProgress: (bytes, total, records) => {
      if (!bar || total === 0) return;
      if (!started) {
        bar.start(total, 0, { records: 0 });
        started = true;
      }
      bar.update(bytes, { records });
    },
  });
  if (started) bar?.stop();
  if (opts.json) {
    console.log(JSON.stringify({ ...summary, modelDir, peakRssMiB: peakRssMiB() }));
    return 0;
  }
  console.log(`Model ${summary.modelVersion} (${modelDir})`);
  console.log(`${summary.rows} rows read, ${summary.written} predictions written to ${opts.output} (${summary.fiction} Fiction) in ${summary.seconds.toFixed(2)} s = ${Math.round(summary.recordsPerSecond).toLocaleString("en")} records/s`);
  if (summary.rejected > 0) console.warn(`${summary.rejected} rows rejected (no BL record ID or Title, or broken CSV): listed with line numbers in ${summary.rejectsFile}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`predict: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
