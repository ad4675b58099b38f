/**
 * The genre training pipeline:
 *
 * 1. Validation run (the file's `is_valid` split, for reporting): cross-validate inside the
 *    training books to get held-out logits, fit calibration and per-class thresholds on them,
 *    train on all training books, predict the validation books. Validation books are never
 *    used for anything but the final figures.
 * 2. Refit (the shipped model): cross-validate on all labelled books (out-of-fold predictions,
 *    calibrated with a calibration fitted on the other folds), fit calibration and thresholds
 *    on all out-of-fold logits, train on all books.
 *
 * Baselines (majority class, TF-IDF logistic regression) run on exactly the same splits.
 */
import type { LoadedTf } from "@/ml/backend/load-tf";
import type { LabelledBook, WeightedExample } from "@/ml/data/labelled-books";
import { buildFolds, findLeaks } from "@/ml/data/split";
import { foldText } from "@/ml/features/char-fold";
import { Featuriser, buildFeatureConfig, type FeatureConfig, type GenreInput } from "@/ml/features/featurise";
import { toBaselineText } from "@/ml/evaluate/baseline-tfidf";
import { chooseClassThresholds, type ClassThreshold } from "@/ml/evaluate/metrics";
import { applyCalibration, fitCalibration, type Calibration } from "@/ml/model/calibration";
import type { TrainedFastText, TrainingExample } from "@/ml/model/fasttext";
import { buildInProcessFitter, fitTfidfBaseline, type BaselineFitter, type Fitter } from "./fit-pool";
import { GenreScorer } from "@/ml/model/scorer";
import { toBookExamples, toBookWeights, toExtraExamples } from "./examples";
import type { GenreTrainingSettings, UntrustedLabelPolicy } from "./settings";
import { DEFAULT_EXTRA_MIN_BUCKET_COUNT, DEFAULT_MAX_STEPS_PER_EPOCH, pruneRareBuckets } from "@/ml/labelling/trainer";

export type ProgressFn = (stage: string, done: number, total: number) => void;

/** Whether `policy` lets a book's label train, calibrate and set thresholds. */
export function isTrustedLabel(book: Pick<LabelledBook, "joinMismatch" | "y">, policy: UntrustedLabelPolicy): boolean {
  if (book.joinMismatch === null || policy === "keep") return true;
  return policy === "drop-fiction" ? book.y === 0 : false;
}

/** Predictions for a list of books (indices into the labelled book list). */
export interface BookPredictions {
  books: number[];
  logits: number[];
  /** Calibrated probability of Fiction. */
  pFiction: number[];
  /** Fold each book was held out in (cross-validation only). */
  folds?: number[];
}

export interface BaselinePredictions {
  majority: number[];
  tfidf: number[];
}

export interface ValidationRun {
  trainBooks: number;
  validBooks: number;
  calibration: Calibration;
  thresholds: ClassThreshold[];
  predictions: BookPredictions;
  /** The validation books with only the fields the hidden sample has (no languages, physical description, genre). */
  hiddenFieldsPredictions: BookPredictions;
  baselines: BaselinePredictions;
  /** Held-out predictions on the training books that calibration and thresholds were fitted on. */
  calibrationFold: BookPredictions;
}

export interface RefitRun {
  calibration: Calibration;
  thresholds: ClassThreshold[];
  /** Out-of-fold predictions for every labelled book (also exposed for weak supervision). */
  outOfFold: BookPredictions;
  baselines: BaselinePredictions;
  model: TrainedFastText;
}

export interface GenreTrainingResult {
  featureConfig: FeatureConfig;
  settings: GenreTrainingSettings;
  validation: ValidationRun;
  refit: RefitRun;
  /** Extra (weak) examples used, and those left out because they matched an evaluation book. */
  extra: { given: number; excludedAsLeaks: number };
  /**
   * Wall-clock seconds, and process CPU seconds (all threads; wall time inflates on a shared
   * machine). Fits run side by side, so the validation and refit times are when their results
   * were ready; the final model's times are its own fit's, on its thread (a single-threaded
   * fit, so its wall time bounds its CPU time).
   */
  timings: {
    validationSeconds: number;
    refitCrossValidationSeconds: number;
    finalTrainingSeconds: number;
    totalSeconds: number;
    finalTrainingCpuSeconds: number;
    totalCpuSeconds: number;
  };
}

/** Only what the hidden sample carries: no languages, physical description or catalogue genre. */
export function toHiddenSampleFields(record: GenreInput): GenreInput {
  return {
    title: record.title,
    name: record.name ?? null,
    places: record.places ?? [],
    publisher: record.publisher ?? null,
    dateRaw: record.dateRaw ?? null,
    year: record.year ?? null,
    edition: record.edition ?? null,
    shelfmark: record.shelfmark ?? null,
    shelfmarkClass: record.shelfmarkClass ?? null,
  };
}

interface Context {
  fitter: Fitter;
  baseline: BaselineFitter;
  progress: FitProgress;
  settings: GenreTrainingSettings;
  featuriser: Featuriser;
  books: readonly LabelledBook[];
  examples: TrainingExample[];
  extra: Array<{ example: TrainingExample; id: string | null; titleKey: string }>;
  leaks: number;
}

/** Training examples for `train` books plus the extra examples that do not collide with `heldOut` books. */
function trainingSet(ctx: Context, train: readonly number[], heldOut: readonly number[]): TrainingExample[] {
  const out = train.map((i) => ctx.examples[i]!);
  if (ctx.extra.length === 0) return out;
  const ids = new Set(heldOut.map((i) => ctx.books[i]!.id));
  const titles = new Set(heldOut.map((i) => ctx.books[i]!.titleKey));
  for (const e of ctx.extra) {
    if ((e.id !== null && ids.has(e.id)) || titles.has(e.titleKey)) ctx.leaks++;
    else out.push(e.example);
  }
  return out;
}

/**
 * Steps done over every fit of the run, reported as one stage: fits run side by side on the
 * pool's threads, so per-fit stages would interleave.
 */
class FitProgress {
  private readonly done: number[] = [];
  private readonly totals: number[] = [];

  constructor(private readonly onProgress: ProgressFn) {}

  add(total: number): (done: number) => void {
    const i = this.totals.push(total) - 1;
    this.done.push(0);
    return (done) => {
      this.done[i] = done;
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      this.onProgress(`training ${this.totals.length} models`, sum(this.done), sum(this.totals));
    };
  }
}

/** Starts a fit (on the pool when there is one); called for every fit before any is awaited. */
function fit(ctx: Context, train: readonly number[], heldOut: readonly number[]): Promise<TrainedFastText> {
  const examples = trainingSet(ctx, train, heldOut);
  // Step cap (as in ml/labelling/trainer.ts): with weak labels each Adam step touches a larger
  // embedding table, so larger sets take larger batches; human-only sets (< 64 x cap) are unchanged.
  const base = ctx.settings.hyperparameters;
  const hp = { ...base, batchSize: Math.max(base.batchSize, Math.ceil(examples.length / DEFAULT_MAX_STEPS_PER_EPOCH)) };
  const onStep = ctx.progress.add(Math.ceil(examples.length / hp.batchSize) * hp.epochs * hp.seeds.length);
  return ctx.fitter(examples, hp, (done) => onStep(done));
}

function logitsOf(model: TrainedFastText, config: FeatureConfig, examples: readonly TrainingExample[]): number[] {
  const scorer = new GenreScorer(model.folded, config);
  return examples.map((e) => scorer.logitOfBuckets(e.fields));
}

/** Out-of-fold logits for `subset` (grouped folds), aligned with `subset`. Starts every fold's fit before awaiting any. */
function crossValidatedLogits(ctx: Context, subset: readonly number[], folds: readonly number[]): Promise<{ logits: number[]; folds: number[] }> {
  const k = ctx.settings.folds;
  const runs = Array.from({ length: k }, (_, f) => {
    const train = subset.filter((_, j) => folds[j] !== f);
    const heldPos = subset.map((_, j) => j).filter((j) => folds[j] === f);
    const held = heldPos.map((j) => subset[j]!);
    const leaks = findLeaks(ctx.books, train, held);
    if (leaks.length > 0) throw new Error(`Split hygiene: books ${leaks.slice(0, 5).join(", ")} share an id or title across fold ${f}`);
    return { heldPos, held, model: fit(ctx, train, held) };
  });
  return Promise.all(runs.map((r) => r.model)).then((models) => {
    const logits = new Array<number>(subset.length).fill(0);
    runs.forEach((r, f) => {
      const z = logitsOf(models[f]!, ctx.featuriser.config, r.held.map((i) => ctx.examples[i]!));
      r.heldPos.forEach((j, n) => {
        logits[j] = z[n]!;
      });
    });
    return { logits, folds: [...folds] };
  });
}

async function baselineProbabilities(ctx: Context, train: readonly number[], test: readonly number[]): Promise<BaselinePredictions> {
  const titleOnly = ctx.settings.titleOnly;
  const ys = train.map((i) => ctx.books[i]!.y);
  const prior = ys.reduce((a: number, b) => a + b, 0) / ys.length;
  const tfidf = await ctx.baseline(
    train.map((i) => toBaselineText(ctx.books[i]!.record, titleOnly)),
    ys,
    test.map((i) => toBaselineText(ctx.books[i]!.record, titleOnly)),
  );
  return { majority: test.map(() => prior), tfidf };
}

/** Baselines by cross-validation, with the same folds as the model. */
async function crossValidatedBaselines(ctx: Context, all: readonly number[], folds: readonly number[]): Promise<BaselinePredictions> {
  const out: BaselinePredictions = { majority: new Array(all.length).fill(0), tfidf: new Array(all.length).fill(0) };
  const runs = Array.from({ length: ctx.settings.folds }, (_, f) => {
    const train = all.filter((_, j) => folds[j] !== f);
    const heldPos = all.map((_, j) => j).filter((j) => folds[j] === f);
    return { heldPos, result: baselineProbabilities(ctx, train, heldPos.map((j) => all[j]!)) };
  });
  for (const run of runs) {
    const b = await run.result;
    run.heldPos.forEach((j, n) => {
      out.majority[j] = b.majority[n]!;
      out.tfidf[j] = b.tfidf[n]!;
    });
  }
  return out;
}

export async function trainGenrePipeline(
  books: readonly LabelledBook[],
  settings: GenreTrainingSettings,
  options: {
    tf: LoadedTf;
    extra?: readonly (WeightedExample & { id?: string })[];
    onProgress?: ProgressFn;
    /** Where fits run: a FitPool's `fit` for threads; by default one after another on this thread. */
    fitter?: Fitter;
    /** Where the TF-IDF baselines are fitted: a FitPool's `baseline`; by default on this thread. */
    baseline?: BaselineFitter;
  },
): Promise<GenreTrainingResult> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1e6;
  };
  const featureConfig = buildFeatureConfig(settings.titleOnly);
  const featuriser = new Featuriser(featureConfig);
  const weights = toBookWeights(books, settings.languageWeighting);
  const extraGiven = options.extra ?? [];
  const examples = toBookExamples(featuriser, books, weights);
  // Buckets seen in fewer than 3 examples are dropped from the extra examples only: they are
  // mostly one-off word bigrams of weak titles and would multiply the table (and step time).
  const extraExamples = pruneRareBuckets(examples, toExtraExamples(featuriser, extraGiven), DEFAULT_EXTRA_MIN_BUCKET_COUNT);
  const ctx: Context = {
    fitter: options.fitter ?? buildInProcessFitter(options.tf),
    baseline: options.baseline ?? fitTfidfBaseline,
    progress: new FitProgress(options.onProgress ?? (() => {})),
    settings,
    featuriser,
    books,
    examples,
    extra: extraGiven.map((e, i) => ({ example: extraExamples[i]!, id: e.id ?? null, titleKey: foldText(e.record.title) })),
    leaks: 0,
  };
  // Labels the policy does not trust are never trained, calibrated or thresholded on; the
  // validation books are all reported on (the file's split), trusted or not.
  const trusted = (i: number) => isTrustedLabel(books[i]!, settings.untrustedLabels);
  const all = books.map((_, i) => i).filter(trusted);
  const trainIdx = all.filter((i) => !books[i]!.isValid);
  const validIdx = books.map((_, i) => i).filter((i) => books[i]!.isValid);
  if (trainIdx.length === 0 || validIdx.length === 0) throw new Error(`The labels need both training and validation books (is_valid); got ${trainIdx.length} and ${validIdx.length}`);

  // Every fit is independent of the others' results: start them all, in a fixed order, so
  // a pool's threads stay busy; baselines run on this thread meanwhile.
  const refitFolds = buildFolds(all.map((i) => books[i]!), settings.folds, settings.seed + 1);
  const innerRun = crossValidatedLogits(ctx, trainIdx, buildFolds(trainIdx.map((i) => books[i]!), settings.folds, settings.seed));
  const valModelRun = fit(ctx, trainIdx, validIdx);
  const cvRun = crossValidatedLogits(ctx, all, refitFolds);
  const finalRun = fit(ctx, all, []);
  for (const run of [innerRun, valModelRun, cvRun, finalRun]) run.catch(() => {});
  // The baselines only need the splits: queued behind the fits, they overlap with them
  // (measured: fitted after the final model, they were a 29 s tail with the workers idle).
  const validationBaselinesRun = baselineProbabilities(ctx, trainIdx, validIdx);
  const refitBaselinesRun = crossValidatedBaselines(ctx, all, refitFolds);
  for (const run of [validationBaselinesRun, refitBaselinesRun]) run.catch(() => {});

  // 1. Validation run.
  const inner = await innerRun;
  const trainYs = trainIdx.map((i) => books[i]!.y);
  const valCalibration = fitCalibration(inner.logits, trainYs);
  const innerP = inner.logits.map((z) => applyCalibration(valCalibration, z));
  // Thresholds aim at precision on the collection's language mix (the hidden sample is a random
  // sample of the collection), so the weights are the collection-share language weights.
  const thresholdWeights = (subset: readonly number[]) => toBookWeights(subset.map((i) => books[i]!), true);
  const valThresholds = chooseClassThresholds(trainYs, innerP, settings.targetPrecision, 10, thresholdWeights(trainIdx));
  const valModel = await valModelRun;
  const valLogits = logitsOf(valModel, featureConfig, validIdx.map((i) => ctx.examples[i]!));
  const hiddenScorer = new GenreScorer(valModel.folded, featureConfig);
  const hiddenLogits = validIdx.map((i) => hiddenScorer.logit(toHiddenSampleFields(books[i]!.record)));
  const validation: ValidationRun = {
    trainBooks: trainIdx.length,
    validBooks: validIdx.length,
    calibration: valCalibration,
    thresholds: valThresholds,
    predictions: { books: validIdx, logits: valLogits, pFiction: valLogits.map((z) => applyCalibration(valCalibration, z)) },
    hiddenFieldsPredictions: { books: validIdx, logits: hiddenLogits, pFiction: hiddenLogits.map((z) => applyCalibration(valCalibration, z)) },
    baselines: await validationBaselinesRun,
    calibrationFold: { books: trainIdx, logits: inner.logits, pFiction: innerP, folds: inner.folds },
  };
  const validationDone = performance.now();

  // 2. Refit: out-of-fold predictions on all books, calibration cross-fitted per fold.
  const cv = await cvRun;
  const allYs = all.map((i) => books[i]!.y);
  const oofP = new Array<number>(all.length).fill(0);
  // Positions into `all` (and so into cv.logits), not book indices.
  const positions = all.map((_, j) => j);
  for (let f = 0; f < settings.folds; f++) {
    const others = positions.filter((j) => cv.folds[j] !== f);
    const c = fitCalibration(others.map((j) => cv.logits[j]!), others.map((j) => allYs[j]!));
    for (const j of positions) if (cv.folds[j] === f) oofP[j] = applyCalibration(c, cv.logits[j]!);
  }
  const refitCalibration = fitCalibration(cv.logits, allYs);
  const refitThresholds = chooseClassThresholds(allYs, cv.logits.map((z) => applyCalibration(refitCalibration, z)), settings.targetPrecision, 10, thresholdWeights(all));
  const cvDone = performance.now();
  const finalModel = await finalRun;
  const refit: RefitRun = {
    calibration: refitCalibration,
    thresholds: refitThresholds,
    outOfFold: { books: all, logits: cv.logits, pFiction: oofP, folds: cv.folds },
    baselines: await refitBaselinesRun,
    model: finalModel,
  };
  return {
    featureConfig,
    settings,
    validation,
    refit,
    extra: { given: extraGiven.length, excludedAsLeaks: ctx.leaks },
    timings: {
      validationSeconds: (validationDone - started) / 1000,
      refitCrossValidationSeconds: (cvDone - validationDone) / 1000,
      finalTrainingSeconds: finalModel.seconds ?? 0,
      totalSeconds: (performance.now() - started) / 1000,
      finalTrainingCpuSeconds: finalModel.seconds ?? 0,
      totalCpuSeconds: cpuSeconds(cpuStart),
    },
  };
}
