import os from "node:os";
import path from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { getServerEnv } from "@/lib/env";
import { loadTf, type BackendPreference } from "@/ml/backend/load-tf";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { latestModelDir, markCurrent } from "@/ml/model/artifacts";
import { applyHumanLabels } from "@/ml/data/human-labels";
import { readHumanGenreLabels, readPreviousModelDate } from "@/lib/review/training-labels";
import fs from "node:fs";
import { DEFAULT_UNTRUSTED_LABEL_POLICY, TRAIN_MAX_WEAK_EXAMPLES, UNTRUSTED_LABEL_POLICIES, buildTrainingSettings } from "@/ml/train/settings";
import { trainAndSaveGenreModel } from "@/ml/train/train-and-save";
import { FitPool } from "@/ml/train/fit-pool";
import { buildWeakLabelsForTraining } from "@/ml/labelling/for-training";
import { USE_WEAK_LABELS_BY_DEFAULT } from "@/ml/labelling/weak-supervision";

/** `npm run train`: train, evaluate and save a genre model (see issue 3). */
const program = new Command()
  .name("train")
  .description("Train the Fiction/Non-fiction genre model: validation run on the is_valid split, refit on all labelled books, report, card.")
  .option("--title-only", "use only the title (the study's setting)", false)
  .option("--seed <n>", "seed for splits, initial weights and shuffles", (v) => Number.parseInt(v, 10), 42)
  .option("--labels <csv>", "labels file in the BL export format with annotator_genre and is_valid (default: $BL_DATA_DIR/annotations/train_valid.csv)")
  .option("--work-dir <dir>", "working folder; the model goes to <dir>/models/genre/<version> (default: $WORK_DIR or ./work)")
  .option("--backend <name>", "auto | tensorflow | wasm | cpu", "auto")
  .option("--epochs <n>", "override the number of epochs", (v) => Number.parseInt(v, 10))
  .option("--no-language-weighting", "do not reweight books towards the collection's language mix")
  .option("--make-current", "mark the new model as current (models/genre/CURRENT)", false)
  .option("--store <file>", "store whose human genre labels (review queue, issue 9) join the training; they win over the labels file (default: <work-dir>/store.sqlite)")
  .option("--no-human-labels", "train on the labels file alone")
  .addOption(
    new Option("--untrusted-labels <policy>", "labels whose annotation was made for another book (ml/data/annotation-join.ts): keep them, drop the Fiction ones, or drop all from training, calibration and thresholds")
      .choices(UNTRUSTED_LABEL_POLICIES)
      .default(DEFAULT_UNTRUSTED_LABEL_POLICY),
  )
  .option("--collection <csv>", "collection export whose unlabelled books get weak labels (default: $BL_DATA_DIR/bl-digitised-books.csv)")
  // 3,000 keeps the whole run under 2x the human-only CPU time (measured: 271 s vs 151 s; 8,000 took 500 s) and scored
  // higher on validation (macro-F1 0.881 vs 0.872 at 8,000 and 0.866 human-only, one run each, seed 42).
  .option("--max-weak-examples <n>", "cap on weak examples, a seeded sample (training time grows with it)", (v) => Number.parseInt(v, 10), TRAIN_MAX_WEAK_EXAMPLES)
  .option("--no-weak-labels", "train without the weak labels of the collection (issue 6); they are on by default")
  .option("--workers <n>", "worker threads that train the pipeline's models side by side (0 = this thread only); results are the same either way", (v) => Number.parseInt(v, 10), 2)
  .option("--no-progress", "do not draw a progress bar");

function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

async function main(): Promise<number> {
  const cpuStart = process.cpuUsage();
  const opts = program.parse().opts();
  const env = getServerEnv();
  const workDir = opts.workDir ?? env.WORK_DIR;
  const labels = opts.labels ?? (env.BL_DATA_DIR ? path.join(env.BL_DATA_DIR, "annotations", "train_valid.csv") : null);
  if (!labels) {
    console.error("train: no labels file: pass --labels <csv> or set BL_DATA_DIR (the folder holding annotations/train_valid.csv)");
    return 2;
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0) {
    console.error(`train: --seed must be a non-negative integer, got ${String(opts.seed)}`);
    return 2;
  }
  if (!["auto", "tensorflow", "wasm", "cpu"].includes(opts.backend)) {
    console.error(`train: --backend must be auto, tensorflow, wasm or cpu, got ${opts.backend}`);
    return 2;
  }
  if (!Number.isInteger(opts.workers) || opts.workers < 0) {
    console.error(`train: --workers must be a non-negative integer, got ${String(opts.workers)}`);
    return 2;
  }
  const tf = await loadTf(opts.backend as BackendPreference);
  console.log(`TensorFlow.js backend: ${tf.backend} (${tf.source})`);
  for (const s of tf.skipped) console.log(`  skipped ${s}`);

  const data = await readLabelledBooks(labels);
  console.log(`Labels: ${data.rows} rows -> ${data.books.length} books (${data.books.filter((b) => b.y === 1).length} Fiction), ${data.books.filter((b) => b.isValid).length} validation books`);
  if (data.rejected.length > 0 || data.problems.length > 0) {
    console.warn(`  ${data.rejected.length} rows rejected by the parser, ${data.problems.length} rows without a usable label (not used):`);
    for (const r of data.rejected.slice(0, 5)) console.warn(`    line ${r.line}: ${r.reason}`);
    for (const p of data.problems.slice(0, 5)) console.warn(`    book ${p.id}: ${p.reason}`);
  }
  let extra: ReturnType<typeof applyHumanLabels>["extra"] = [];
  let humanLabels: ReturnType<typeof applyHumanLabels>["use"] | null = null;
  if (opts.humanLabels) {
    const storeFile = opts.store ?? path.join(workDir, "store.sqlite");
    let previous: string | null = null;
    try {
      previous = readPreviousModelDate(latestModelDir(workDir));
    } catch {
      // A broken CURRENT pointer: every human label then counts as new.
    }
    const applied = applyHumanLabels(data.books, readHumanGenreLabels(storeFile), previous);
    data.books = applied.books;
    extra = applied.extra;
    humanLabels = applied.use;
    console.log(`Human labels from ${storeFile}: ${applied.use.used} used (${applied.use.newSincePrevious} new since the previous model; ${applied.use.overriding} on annotated books, ${applied.use.changed} of them changing the label; ${applied.use.added} extra books)`);
    for (const s of applied.use.skipped.slice(0, 5)) console.warn(`  human label for ${s.recordId} not used: ${s.reason}`);
  }
  const cpuBeforeWeak = process.cpuUsage();
  const collectionFile = opts.collection ?? (env.BL_DATA_DIR ? path.join(env.BL_DATA_DIR, "bl-digitised-books.csv") : null);
  const weak = await buildWeakLabelsForTraining({
    enabled: USE_WEAK_LABELS_BY_DEFAULT && opts.weakLabels,
    collectionFile,
    books: data.books,
    humanExtra: extra,
    workDir,
    maxExamples: opts.maxWeakExamples,
    onStage: (s) => console.log(`Weak labels: ${s}`),
  });
  for (const w of weak.warnings) console.warn(`  ${w}`);
  const weakCpuSeconds = cpuSecondsSince(cpuBeforeWeak);
  if (weak.record.enabled) {
    const l = weak.record.leftOutAsLeaks;
    console.log(`Weak labels: ${weak.record.examples} examples from ${collectionFile} (${weak.record.fiction} Fiction); left out as leaks: ${l.labelledBook} labelled books, ${l.validationTitle} validation titles, ${l.trainingTitle} training titles, ${l.humanReviewLabel} review-queue labels; ${weak.record.seconds.toFixed(1)} s (CPU ${weakCpuSeconds.toFixed(1)} s)`);
  } else {
    console.log(`Weak labels: OFF (${weak.record.reason}); training on human labels only`);
  }
  extra = [...extra, ...weak.extra];
  const settings = buildTrainingSettings({ titleOnly: opts.titleOnly, seed: opts.seed, overrides: opts.epochs ? { epochs: opts.epochs } : {}, untrustedLabels: opts.untrustedLabels });
  settings.languageWeighting = opts.languageWeighting;

  const bar = new SingleBar({ format: "{stage} {bar} {percentage}% | step {value}/{total}", hideCursor: true }, Presets.shades_classic);
  let stage = "";
  const onProgress = (s: string, done: number, total: number) => {
    if (!opts.progress) return;
    if (s !== stage) {
      if (stage) bar.stop();
      stage = s;
      bar.start(total, 0, { stage: s.padEnd(28) });
    }
    bar.update(done, { stage: s.padEnd(28) });
  };
  // Workers start (tsx and the wasm backend load) while the main thread does nothing else yet.
  const pool = opts.workers > 0 ? await FitPool.start(opts.workers, tf) : null;
  if (pool) console.log(`Training on ${opts.workers} worker thread(s) (${tf.backend})`);
  let trained: Awaited<ReturnType<typeof trainAndSaveGenreModel>>;
  try {
    trained = await trainAndSaveGenreModel({ data, settings, workDir, tf, onProgress, extra, weakLabels: weak.record, fitter: pool?.fit, baseline: pool?.baseline });
  } finally {
    await pool?.close();
  }
  const { dir, meta, metrics } = trained;
  if (humanLabels) {
    // Recorded next to the evaluation so the admin history shows how many human labels each version used.
    const metricsFile = path.join(dir, "metrics.json");
    const saved = JSON.parse(fs.readFileSync(metricsFile, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(metricsFile, `${JSON.stringify({ ...saved, humanLabels: { ...humanLabels, skipped: humanLabels.skipped.length } }, null, 2)}\n`);
  }
  if (stage) bar.stop();
  if (opts.makeCurrent) markCurrent(workDir, meta.version);

  const v = metrics.validation;
  const tfidf = v.baselines.find((b) => b.name.startsWith("TF-IDF"))!;
  const majority = v.baselines.find((b) => b.name === "majority class")!;
  const r = metrics.refitCrossValidation;
  const rTfidf = r.baselines.find((b) => b.name.startsWith("TF-IDF"))!;
  console.log(`\nModel ${meta.version} (${settings.titleOnly ? "title only" : "title + catalogue fields"}) saved to ${dir}`);
  console.log(`Validation (${v.n} books): macro-F1 ${v.report.macroF1.toFixed(3)} (TF-IDF LR ${tfidf.report.macroF1.toFixed(3)}, majority ${majority.report.macroF1.toFixed(3)}), accuracy ${v.report.accuracy.toFixed(3)}, ECE ${v.ece.toFixed(3)}`);
  console.log(`  with hidden-sample fields only: macro-F1 ${metrics.validationHiddenFields.report.macroF1.toFixed(3)}, ECE ${metrics.validationHiddenFields.ece.toFixed(3)}`);
  console.log(`  thresholds for precision 0.99: ${v.thresholds.perClass.map((t) => `${t.label} >= ${t.threshold?.toFixed(3) ?? "never"}`).join(", ")} -> coverage ${(v.thresholds.result.coverage * 100).toFixed(1)}% at precision ${v.thresholds.result.precision.toFixed(3)} (collection language mix: ${(v.thresholds.collectionWeighted.coverage * 100).toFixed(1)}% at ${v.thresholds.collectionWeighted.precision.toFixed(3)})`);
  const t = metrics.validationTrusted;
  const tTfidf = t.baselines.find((b) => b.name.startsWith("TF-IDF"))!;
  const u = metrics.untrustedLabels;
  console.log(`Labels from another book (annotation's place contradicts the record's): ${u.books} (${u.fiction} Fiction); policy ${u.policy}: ${u.leftOut} kept out of training, calibration and thresholds`);
  console.log(`  validation, trusted labels only (${t.n} books, hidden-sample fields): macro-F1 ${t.report.macroF1.toFixed(3)} (TF-IDF LR ${tTfidf.report.macroF1.toFixed(3)}), ECE ${t.ece.toFixed(3)}; thresholds keep ${(t.thresholds.result.coverage * 100).toFixed(1)}% at precision ${t.thresholds.result.precision.toFixed(3)}`);
  console.log(`Refit, ${settings.folds}-fold cross-validated (${r.n} books): macro-F1 ${r.report.macroF1.toFixed(3)} (TF-IDF LR ${rTfidf.report.macroF1.toFixed(3)}), ECE ${r.ece.toFixed(3)}`);
  console.log(`Timings: total ${metrics.timings.totalSeconds.toFixed(1)} s wall, ${metrics.timings.totalCpuSeconds.toFixed(1)} s CPU (fits side by side: validation results after ${metrics.timings.validationSeconds.toFixed(1)} s, refit ${metrics.timings.refitCrossValidationSeconds.toFixed(1)} s later; the final model's own fit ${metrics.timings.finalTrainingSeconds.toFixed(1)} s on its thread); load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  console.log(`Whole run CPU ${cpuSecondsSince(cpuStart).toFixed(1)} s (weak labels ${weakCpuSeconds.toFixed(1)} s, training ${metrics.timings.totalCpuSeconds.toFixed(1)} s)`);
  console.log(`Suspect labels (confident disagreements, reported not relabelled): ${metrics.suspectLabels.length}; see ${path.join(dir, "report.md")}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`train: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.cause) console.error("  cause:", error.cause);
    process.exit(1);
  },
);
