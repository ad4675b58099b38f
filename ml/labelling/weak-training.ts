import type { BookRecord } from "@/lib/records/types";
import type { LabelledBook, WeightedExample } from "@/ml/data/labelled-books";
import { buildRandom, shuffleInPlace } from "@/ml/data/random";
import { foldText } from "@/ml/features/char-fold";

/**
 * The weak training set: unlabelled collection books with the label model's label, weighted by
 * its confidence. Human labels win: a labelled book never enters through the collection, nor does
 * any book whose folded title equals a labelled book's. For validation books this is the leakage
 * filter (the study's compared plain titles with list-formatted ones and removed nothing); for
 * training books it is de-duplication, the human label being already in the training set.
 */
export interface WeakSetOptions {
  /** Books whose label-model confidence max(p, 1 - p) is below this are left out. */
  minConfidence: number;
  /** Weight = confidence × this (h4's trainer takes weights in (0, 1]). */
  weightScale: number;
  /** Keep at most this many, a seeded random sample (labels keep their shares in expectation); training time grows with it. */
  maxExamples?: number;
  seed?: number;
}

/**
 * Measured on the validation books (one training run each, machine under load): human labels only
 * 0.8664 macro-F1; with 8,000 weak labels 0.8792 (weight = confidence) or 0.8758 (confidence × 0.5).
 * All 21,600 weak labels (before bucket pruning) took 1,094 s against 520 s for 8,000, far beyond
 * the 90 s budget, so the set is capped.
 */
export const DEFAULT_WEAK_SET_OPTIONS: WeakSetOptions = { minConfidence: 0.8, weightScale: 1, maxExamples: 8000, seed: 42 };

export interface WeakSetStats {
  collection: number;
  /** Left out, by reason; every collection book is counted exactly once (here or in `kept`). */
  labelledBook: number;
  validationTitle: number;
  trainingTitle: number;
  abstained: number;
  lowConfidence: number;
  duplicateTitle: number;
  /** Left out by the `maxExamples` sample. */
  sampledOut: number;
  kept: number;
  fiction: number;
  nonFiction: number;
  meanWeight: number;
}

/** A weak example keeps its record id, so the trainer's own leak filter (by id and title) can check it too. */
export type WeakExample = WeightedExample & { id: string };

export interface WeakSet {
  examples: WeakExample[];
  /** Record id of each example, in the same order (for audits and tests). */
  ids: string[];
  stats: WeakSetStats;
}

/**
 * @param pFiction label-model P(Fiction) per collection book, `NaN` where every function abstained.
 */
export function buildWeakTrainingSet(
  collection: readonly BookRecord[],
  pFiction: ArrayLike<number>,
  labelled: readonly Pick<LabelledBook, "id" | "isValid" | "record">[],
  options: WeakSetOptions = DEFAULT_WEAK_SET_OPTIONS,
): WeakSet {
  if (pFiction.length !== collection.length) throw new Error(`buildWeakTrainingSet: ${pFiction.length} probabilities for ${collection.length} books`);
  if (!(options.minConfidence >= 0.5 && options.minConfidence <= 1)) throw new Error(`minConfidence must be in [0.5, 1], got ${options.minConfidence}`);
  if (!(options.weightScale > 0 && options.weightScale <= 1)) throw new Error(`weightScale must be in (0, 1], got ${options.weightScale}`);
  const labelledIds = new Set(labelled.map((b) => b.id));
  const validationTitles = new Set(labelled.filter((b) => b.isValid).map((b) => foldText(b.record.title)));
  const trainingTitles = new Set(labelled.filter((b) => !b.isValid).map((b) => foldText(b.record.title)));
  const stats: WeakSetStats = {
    collection: collection.length,
    labelledBook: 0,
    validationTitle: 0,
    trainingTitle: 0,
    abstained: 0,
    lowConfidence: 0,
    duplicateTitle: 0,
    sampledOut: 0,
    kept: 0,
    fiction: 0,
    nonFiction: 0,
    meanWeight: 0,
  };
  // Best candidate per folded title: reprints and multi-volume sets would otherwise count many times.
  const best = new Map<string, { index: number; confidence: number }>();
  for (let i = 0; i < collection.length; i++) {
    const record = collection[i]!;
    if (labelledIds.has(record.id)) {
      stats.labelledBook++;
      continue;
    }
    const key = foldText(record.title);
    if (validationTitles.has(key)) {
      stats.validationTitle++;
      continue;
    }
    if (trainingTitles.has(key)) {
      stats.trainingTitle++;
      continue;
    }
    const p = pFiction[i]!;
    if (Number.isNaN(p)) {
      stats.abstained++;
      continue;
    }
    const confidence = Math.max(p, 1 - p);
    if (confidence < options.minConfidence) {
      stats.lowConfidence++;
      continue;
    }
    const seen = best.get(key);
    if (seen) {
      stats.duplicateTitle++;
      if (confidence > seen.confidence) best.set(key, { index: i, confidence });
      continue;
    }
    best.set(key, { index: i, confidence });
  }
  let chosen = [...best.values()];
  if (options.maxExamples !== undefined && chosen.length > options.maxExamples) {
    const random = buildRandom(options.seed ?? 42);
    shuffleInPlace(chosen, random);
    stats.sampledOut = chosen.length - options.maxExamples;
    chosen = chosen.slice(0, options.maxExamples);
  }
  chosen.sort((a, b) => a.index - b.index);
  const examples: WeakExample[] = [];
  const ids: string[] = [];
  let weightSum = 0;
  for (const { index, confidence } of chosen) {
    const record = collection[index]!;
    const label = pFiction[index]! >= 0.5 ? "Fiction" : "Non-fiction";
    const weight = confidence * options.weightScale;
    examples.push({ id: record.id, record, label, weight });
    ids.push(record.id);
    weightSum += weight;
    if (label === "Fiction") stats.fiction++;
    else stats.nonFiction++;
  }
  stats.kept = examples.length;
  stats.meanWeight = examples.length > 0 ? weightSum / examples.length : 0;
  return { examples, ids, stats };
}
