/**
 * `npm run train:compare`: runs the training pipeline (nothing saved) with a setting changed and
 * prints the figures that choose between settings: the calibration fold (cross-validated
 * training books, the only fair place to choose), the validation split whole and its trusted
 * books (annotation fits the record; ml/data/annotation-join.ts), the refit, and checks on the
 * unlabelled collection (titles with plain cues such as "poems" or "[A tale", and the share of
 * books the refit's 0.99-precision thresholds keep). The tables in ml/README.md come from it.
 */
import path from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { getServerEnv } from "@/lib/env";
import { nonNegativeInt, positiveInt, positiveNumber } from "@/scripts/bench/cli";
import { parseRecordsFile } from "@/lib/records/parse";
import { loadTf } from "@/ml/backend/load-tf";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { applyClassThresholds, classificationReport, expectedCalibrationError, toPredictedClass, type ClassThreshold } from "@/ml/evaluate/metrics";
import { toTrustedSubset } from "@/ml/evaluate/genre-metrics";
import { buildFeatureConfig } from "@/ml/features/featurise";
import { buildWeakLabelsForTraining } from "@/ml/labelling/for-training";
import { applyCalibration } from "@/ml/model/calibration";
import { GenreScorer } from "@/ml/model/scorer";
import { FitPool } from "@/ml/train/fit-pool";
import { trainGenrePipeline } from "@/ml/train/pipeline";
import { DEFAULT_UNTRUSTED_LABEL_POLICY, TRAIN_MAX_WEAK_EXAMPLES, UNTRUSTED_LABEL_POLICIES, buildTrainingSettings } from "@/ml/train/settings";

const program = new Command()
  .name("train:compare")
  .description("Train the genre pipeline with one setting changed (nothing is saved) and print the figures that choose between settings.")
  .option("--title-only", "use only the title", false)
  .addOption(new Option("--untrusted-labels <policy>", "labels made for another book: keep, drop-fiction or drop").choices(UNTRUSTED_LABEL_POLICIES).default(DEFAULT_UNTRUSTED_LABEL_POLICY))
  .option("--learning-rate <x>", "override the learning rate", positiveNumber("--learning-rate"))
  .option("--epochs <n>", "override the number of epochs", positiveInt("--epochs"))
  .option("--max-weak-examples <n>", "cap on weak examples (0 = human labels only)", nonNegativeInt("--max-weak-examples"), TRAIN_MAX_WEAK_EXAMPLES)
  .option("--workers <n>", "worker threads", nonNegativeInt("--workers"), 2);

const CUES: Array<{ name: string; pattern: RegExp; label: 0 | 1 }> = [
  { name: '"poems" / "[A poem"', pattern: /\[a poem|\bpoems\b/i, label: 1 },
  { name: '"[A tale" / "[A novel"', pattern: /\[a (tale|novel)/i, label: 1 },
  { name: '"history of"', pattern: /\bhistory of\b/i, label: 0 },
];

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const dataDir = getServerEnv().BL_DATA_DIR;
  if (!dataDir) {
    console.error("train:compare: set BL_DATA_DIR (the folder holding annotations/train_valid.csv and bl-digitised-books.csv)");
    return 2;
  }
  const tf = await loadTf("auto");
  const { books } = await readLabelledBooks(path.join(dataDir, "annotations", "train_valid.csv"));
  const collectionFile = path.join(dataDir, "bl-digitised-books.csv");
  const weak = await buildWeakLabelsForTraining({ enabled: opts.maxWeakExamples > 0, collectionFile, books, workDir: getServerEnv().WORK_DIR, maxExamples: Math.max(1, opts.maxWeakExamples) });
  const overrides = { ...(opts.learningRate ? { learningRate: opts.learningRate } : {}), ...(opts.epochs ? { epochs: opts.epochs } : {}) };
  const settings = buildTrainingSettings({ titleOnly: opts.titleOnly, untrustedLabels: opts.untrustedLabels, overrides });
  const pool = opts.workers > 0 ? await FitPool.start(opts.workers, tf) : null;
  const started = performance.now();
  const r = await trainGenrePipeline(books, settings, { tf, extra: opts.maxWeakExamples > 0 ? weak.extra : [], fitter: pool?.fit, baseline: pool?.baseline }).finally(() => pool?.close());
  const hp = settings.hyperparameters;
  console.log(`${opts.titleOnly ? "title only" : "with metadata"}, untrusted labels ${settings.untrustedLabels}, learning rate ${hp.learningRate}, epochs ${hp.epochs}, dim ${hp.dim}, weak examples ${opts.maxWeakExamples}: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const show = (name: string, idx: readonly number[], p: readonly number[], thresholds?: ClassThreshold[]) => {
    const ys = idx.map((i) => books[i]!.y);
    const report = classificationReport(ys, p.map(toPredictedClass));
    const kept = thresholds ? applyClassThresholds(ys, p, thresholds) : null;
    console.log(`  ${name.padEnd(34)} ${String(idx.length).padStart(5)} books  macro-F1 ${report.macroF1.toFixed(3)}  ECE ${expectedCalibrationError(ys, p).ece.toFixed(3)}${kept ? `  thresholds keep ${(100 * kept.coverage).toFixed(1)}% at precision ${kept.precision.toFixed(3)}` : ""}`);
  };
  const trusted = (list: readonly number[], p: readonly number[]) => {
    const t = toTrustedSubset(books, list);
    return [t.books, t.pick(p)] as const;
  };
  const v = r.validation;
  show("calibration fold (trusted books)", ...trusted(v.calibrationFold.books, v.calibrationFold.pFiction), v.thresholds);
  show("validation, whole split", v.predictions.books, v.predictions.pFiction, v.thresholds);
  show("  TF-IDF baseline", v.predictions.books, v.baselines.tfidf);
  show("validation, trusted, hidden fields", ...trusted(v.predictions.books, v.hiddenFieldsPredictions.pFiction), v.thresholds);
  show("  TF-IDF baseline", ...trusted(v.predictions.books, v.baselines.tfidf));
  show("refit, cross-validated", r.refit.outOfFold.books, r.refit.outOfFold.pFiction, r.refit.thresholds);

  const scorer = new GenreScorer(r.refit.model.folded, buildFeatureConfig(settings.titleOnly));
  const records = (await parseRecordsFile(collectionFile)).records;
  const p = records.map((rec) => applyCalibration(r.refit.calibration, scorer.logit(rec)));
  const kept = applyClassThresholds(p.map(toPredictedClass), p, r.refit.thresholds).coverage;
  console.log(`  collection (${records.length} records): ${(100 * p.filter((x) => x >= 0.5).length / p.length).toFixed(1)}% Fiction; the refit's thresholds keep ${(100 * kept).toFixed(1)}%`);
  for (const cue of CUES) {
    const hits = records.map((rec, i) => [rec, i] as const).filter(([rec]) => cue.pattern.test(rec.title));
    const agree = hits.filter(([, i]) => toPredictedClass(p[i]!) === cue.label).length;
    console.log(`    titles with ${cue.name}: ${(100 * agree / hits.length).toFixed(1)}% of ${hits.length} predicted ${cue.label ? "Fiction" : "Non-fiction"}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`train:compare: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
