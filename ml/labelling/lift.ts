import type { LabelledBook, WeightedExample } from "@/ml/data/labelled-books";
import { buildFolds } from "@/ml/data/split";
import { classificationReport, toPredictedClass, type ClassificationReport } from "@/ml/evaluate/metrics";
import type { GenreInput } from "@/ml/features/featurise";

/**
 * Trains a genre model on labelled books plus weighted extra examples and returns a function
 * giving P(Fiction) for records. Injected, so the lift is measured with whatever trainer the
 * classifier pipeline ships (see ./trainer.ts for the default).
 */
export type GenreTrainer = (books: readonly LabelledBook[], extra: readonly WeightedExample[]) => Promise<(records: readonly GenreInput[]) => number[]>;

export interface LiftConfigResult {
  name: string;
  extraExamples: number;
  trainMs: number;
  validation: ClassificationReport;
}

export interface LiftResult {
  trainingBooks: number;
  validationBooks: number;
  humanOnly: LiftConfigResult;
  withWeakLabels: LiftConfigResult;
  macroF1Gain: number;
  accuracyGain: number;
  /** The configuration kept as the default: the one with the higher validation macro-F1. */
  chosen: "human-only" | "weak-labels";
}

/** Validation metrics with and without the weak labels, the same trainer and split. */
export async function measureLift(labelled: readonly LabelledBook[], weak: readonly WeightedExample[], trainer: GenreTrainer): Promise<LiftResult> {
  const training = labelled.filter((b) => !b.isValid);
  const validation = labelled.filter((b) => b.isValid);
  if (validation.length === 0) throw new Error("measureLift: no validation books");
  const ys = validation.map((b) => b.y);
  const run = async (name: string, extra: readonly WeightedExample[]): Promise<LiftConfigResult> => {
    const t0 = performance.now();
    const predict = await trainer(training, extra);
    const trainMs = performance.now() - t0;
    const p = predict(validation.map((b) => b.record));
    return { name, extraExamples: extra.length, trainMs, validation: classificationReport(ys, p.map(toPredictedClass)) };
  };
  const humanOnly = await run("human labels only", []);
  const withWeakLabels = await run("human + weak labels", weak);
  const macroF1Gain = withWeakLabels.validation.macroF1 - humanOnly.validation.macroF1;
  return {
    trainingBooks: training.length,
    validationBooks: validation.length,
    humanOnly,
    withWeakLabels,
    macroF1Gain,
    accuracyGain: withWeakLabels.validation.accuracy - humanOnly.validation.accuracy,
    chosen: macroF1Gain > 0 ? "weak-labels" : "human-only",
  };
}

/**
 * P(Fiction) for the classifier-backed labelling function: out-of-fold for every training book
 * (k models, each blind to the book it scores; folds grouped by identical title), and from a
 * model trained on all training books for every other record. Validation books are never
 * trained on.
 */
export async function buildClassifierPredictions(
  labelled: readonly LabelledBook[],
  others: readonly { id: string; record: GenreInput }[],
  trainer: GenreTrainer,
  options: { folds: number; seed: number },
): Promise<Map<string, number>> {
  const training = labelled.filter((b) => !b.isValid);
  const fold = buildFolds(training, options.folds, options.seed);
  const out = new Map<string, number>();
  for (let k = 0; k < options.folds; k++) {
    const fit = training.filter((_, i) => fold[i] !== k);
    const held = training.filter((_, i) => fold[i] === k);
    const predict = await trainer(fit, []);
    predict(held.map((b) => b.record)).forEach((p, i) => out.set(held[i]!.id, p));
  }
  const trainingIds = new Set(training.map((b) => b.id));
  const rest = others.filter((o) => !trainingIds.has(o.id));
  const predict = await trainer(training, []);
  predict(rest.map((o) => o.record)).forEach((p, i) => out.set(rest[i]!.id, p));
  return out;
}
