import fs from "node:fs";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { stringify } from "csv-stringify/sync";
import { getServerEnv, workPaths } from "@/lib/env";
import { parseRecordsFile } from "@/lib/records/parse";
import { loadTf, type BackendPreference } from "@/ml/backend/load-tf";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { measureLift } from "@/ml/labelling/lift";
import { buildLfReport, toLfReportMarkdown, toLfTableMarkdown } from "@/ml/labelling/report";
import { buildFastTextTrainer } from "@/ml/labelling/trainer";
import { runWeakSupervision } from "@/ml/labelling/weak-supervision";
import { DEFAULT_WEAK_SET_OPTIONS } from "@/ml/labelling/weak-training";

/** `npm run ml:lf-report`: the labelling-function table, the label model against majority vote, and (with --lift) the lift. */
const program = new Command()
  .name("ml:lf-report")
  .description(
    "Apply the labelling functions to the labelled training books and the whole collection, fit the label model, and write the LF table (JSON + Markdown) to <work-dir>/reports/labelling/.",
  )
  .option("--collection <csv>", "collection file in the BL export format (default: $BL_DATA_DIR/bl-digitised-books.csv)")
  .option("--labels <csv>", "labels file with annotator_genre and is_valid (default: $BL_DATA_DIR/annotations/train_valid.csv)")
  .option("--work-dir <dir>", "working folder; the report goes to <dir>/reports/labelling (default: $WORK_DIR or ./work)")
  .option("--examples <n>", "example titles kept per function for the staff page", (v) => Number.parseInt(v, 10), 10)
  .option("--min-confidence <p>", "label-model confidence a weak label needs", (v) => Number.parseFloat(v), DEFAULT_WEAK_SET_OPTIONS.minConfidence)
  .option("--classifier", "add the classifier-backed function (trains 6 models for out-of-fold predictions)", false)
  .option("--lift", "train the classifier with and without the weak labels and compare on the validation books", false)
  .option("--title-only", "title-only classifier for --classifier and --lift", false)
  .option("--backend <name>", "auto | tensorflow | wasm | cpu (for --classifier and --lift)", "auto")
  .option("--no-progress", "do not draw a progress bar");

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const dataDir = env.BL_DATA_DIR;
  const collectionFile = opts.collection ?? (dataDir ? path.join(dataDir, "bl-digitised-books.csv") : null);
  const labelsFile = opts.labels ?? (dataDir ? path.join(dataDir, "annotations", "train_valid.csv") : null);
  if (!collectionFile || !labelsFile) {
    console.error("ml:lf-report: no data: pass --collection <csv> and --labels <csv>, or set BL_DATA_DIR (the folder holding bl-digitised-books.csv and annotations/train_valid.csv)");
    return 2;
  }
  for (const [flag, file] of [["--collection", collectionFile], ["--labels", labelsFile]] as const) {
    if (!fs.existsSync(file)) {
      console.error(`ml:lf-report: ${flag} file not found: ${file}`);
      return 2;
    }
  }
  if (!Number.isInteger(opts.examples) || opts.examples < 0) {
    console.error(`ml:lf-report: --examples must be a non-negative integer, got ${String(opts.examples)}`);
    return 2;
  }
  if (!(opts.minConfidence >= 0.5 && opts.minConfidence <= 1)) {
    console.error(`ml:lf-report: --min-confidence must be in [0.5, 1], got ${String(opts.minConfidence)}`);
    return 2;
  }
  if (!["auto", "tensorflow", "wasm", "cpu"].includes(opts.backend)) {
    console.error(`ml:lf-report: --backend must be auto, tensorflow, wasm or cpu, got ${opts.backend}`);
    return 2;
  }
  const outDir = path.join(workPaths({ WORK_DIR: opts.workDir ?? env.WORK_DIR }).reports, "labelling");

  const bar = new SingleBar({ format: "reading collection {bar} {percentage}% | {value}/{total} MB", hideCursor: true }, Presets.shades_classic);
  let barOn = false;
  const collection = await parseRecordsFile(collectionFile, {
    onProgress: (read, total) => {
      if (!opts.progress) return;
      if (!barOn) {
        bar.start(Math.ceil(total / 1e6), 0);
        barOn = true;
      }
      bar.update(Math.round(read / 1e6));
    },
  });
  if (barOn) bar.stop();
  console.log(`Collection: ${collection.records.length} records (${collection.rejected.length} rows rejected by the parser, not labelled)`);
  const labels = await readLabelledBooks(labelsFile);
  const validation = labels.books.filter((b) => b.isValid).length;
  console.log(`Labels: ${labels.books.length} books, ${labels.books.length - validation} training, ${validation} validation (never used here)`);
  if (labels.rejected.length + labels.problems.length > 0) {
    console.warn(`  ${labels.rejected.length} label rows rejected, ${labels.problems.length} without a usable label: not used`);
  }

  const needsTf = opts.classifier || opts.lift;
  const tf = needsTf ? await loadTf(opts.backend as BackendPreference) : null;
  if (tf) console.log(`TensorFlow.js backend: ${tf.backend}`);
  const trainer = tf ? buildFastTextTrainer(tf.tf, { titleOnly: opts.titleOnly }) : null;

  const result = await runWeakSupervision(collection.records, labels.books, {
    weakSet: { ...DEFAULT_WEAK_SET_OPTIONS, minConfidence: opts.minConfidence },
    ...(opts.classifier && trainer ? { classifier: { trainer, folds: 5, seed: 42 } } : {}),
    onStage: (s) => console.log(`- ${s}`),
  });
  const report = buildLfReport(result.run, collection.records, {
    collectionFile: path.basename(collectionFile),
    labelsFile: path.basename(labelsFile),
    validationBooks: validation,
    examplesPerFunction: opts.examples,
  });
  report.weakSet = result.weakSet.stats;
  report.timings = { ...report.timings, classifierPredictionsMs: result.timings.classifierPredictionsMs, weakSetMs: result.timings.weakSetMs };
  if (opts.lift && trainer) {
    console.log("- lift: training with and without the weak labels");
    const t = performance.now();
    report.lift = await measureLift(labels.books, result.weakSet.examples, trainer);
    report.timings.liftMs = performance.now() - t;
  }

  fs.mkdirSync(outDir, { recursive: true });
  const jsonFile = path.join(outDir, "lf-report.json");
  const mdFile = path.join(outDir, "lf-report.md");
  fs.writeFileSync(jsonFile, JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(mdFile, toLfReportMarkdown(report));
  // The weak labels themselves (ids and labels only, no titles), for training runs that read files.
  const weakFile = path.join(outDir, "weak-labels.csv");
  fs.writeFileSync(
    weakFile,
    stringify([["BL record ID", "genre", "weight"], ...result.weakSet.examples.map((e) => [e.id, e.label, e.weight.toFixed(4)])]),
  );
  if (report.lift) fs.writeFileSync(path.join(outDir, "lift.json"), JSON.stringify({ generatedAt: report.generatedAt, weakSet: report.weakSet, ...report.lift }, null, 2) + "\n");

  console.log("");
  console.log(toLfTableMarkdown(report));
  const c = report.labelModel.comparison;
  console.log(`\nCollection covered by at least one function: ${(100 * report.overall.collection.coverage).toFixed(1)}%`);
  console.log(
    `Label model vs majority vote on ${c.covered} covered training books: accuracy ${c.labelModel.accuracy.toFixed(4)} vs ${c.majorityVote.accuracy.toFixed(4)}, macro-F1 ${c.labelModel.macroF1.toFixed(4)} vs ${c.majorityVote.macroF1.toFixed(4)}`,
  );
  const w = report.weakSet;
  console.log(`Weak training set: ${w.kept} books (${w.fiction} Fiction), ${w.validationTitle} left out for sharing a validation title`);
  if (report.lift) {
    const l = report.lift;
    console.log(
      `Lift on ${l.validationBooks} validation books: macro-F1 ${l.humanOnly.validation.macroF1.toFixed(4)} -> ${l.withWeakLabels.validation.macroF1.toFixed(4)} (${l.macroF1Gain >= 0 ? "+" : ""}${l.macroF1Gain.toFixed(4)}); default: ${l.chosen}`,
    );
  }
  console.log(`Timings: ${Object.entries(report.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join(", ")}`);
  console.log(`Wrote ${jsonFile}, ${mdFile} and ${weakFile}${report.lift ? " and lift.json" : ""}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error("ml:lf-report failed:", err);
    process.exit(1);
  },
);
