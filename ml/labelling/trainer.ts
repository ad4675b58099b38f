import type { LabelledBook, WeightedExample } from "@/ml/data/labelled-books";
import type { Tf } from "@/ml/backend/load-tf";
import { buildFeatureConfig, Featuriser } from "@/ml/features/featurise";
import { sigmoid } from "@/ml/model/calibration";
import { trainFastText, type Hyperparameters, type TrainingExample } from "@/ml/model/fasttext";
import { GenreScorer } from "@/ml/model/scorer";
import { toBookExamples, toBookWeights, toExtraExamples } from "@/ml/train/examples";
import { buildTrainingSettings } from "@/ml/train/settings";
import type { GenreTrainer } from "./lift";

export interface FastTextTrainerOptions {
  titleOnly: boolean;
  seed?: number;
  hyperparameters?: Partial<Hyperparameters>;
  /**
   * Cap on optimiser steps per epoch: larger training sets get larger batches. The tfjs model's
   * Adam update touches the whole embedding table every step, and 20k weak titles make the table
   * about ten times larger, so at the human-label batch size (64) one weak-label run took 736 s
   * here; with the cap it takes the same number of steps as a human-only run.
   */
  maxStepsPerEpoch?: number;
  /**
   * Hash buckets of the extra (weak) examples that occur in fewer training examples than this are
   * dropped from them. 20k weak titles bring 306k buckets against the human labels' 58k, most of
   * them seen once (word bigrams of one title); the table, and the time of every step, shrinks
   * to about 105k at 3. Human examples are never pruned.
   */
  extraMinBucketCount?: number;
}

export const DEFAULT_MAX_STEPS_PER_EPOCH = 32;
export const DEFAULT_EXTRA_MIN_BUCKET_COUNT = 3;

/** Drop rare buckets from the extra examples (in place of copies; human examples untouched). */
export function pruneRareBuckets(human: readonly TrainingExample[], extra: readonly TrainingExample[], minCount: number): TrainingExample[] {
  if (minCount <= 1 || extra.length === 0) return [...extra];
  const counts = new Map<number, number>();
  for (const ex of [...human, ...extra]) {
    for (const field of ex.fields) for (const b of new Set(field)) counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return extra.map((ex) => ({ ...ex, fields: ex.fields.map((f) => f.filter((b) => (counts.get(b) ?? 0) >= minCount)) }));
}

/**
 * The genre classifier's own building blocks and settings (ml/features, ml/model, ml/train:
 * hashed features, the tfjs fastText ensemble, language weighting, the folded scorer) as a
 * `GenreTrainer`. Uncalibrated: the lift compares both configurations at the same 0.5 cut.
 */
export function buildFastTextTrainer(tf: Tf, options: FastTextTrainerOptions): GenreTrainer {
  const settings = buildTrainingSettings({ titleOnly: options.titleOnly, seed: options.seed, overrides: options.hyperparameters });
  const config = buildFeatureConfig(options.titleOnly);
  const featuriser = new Featuriser(config);
  const maxSteps = options.maxStepsPerEpoch ?? DEFAULT_MAX_STEPS_PER_EPOCH;
  const minBucketCount = options.extraMinBucketCount ?? DEFAULT_EXTRA_MIN_BUCKET_COUNT;
  return async (books: readonly LabelledBook[], extra: readonly WeightedExample[]) => {
    const human = toBookExamples(featuriser, books, toBookWeights(books, settings.languageWeighting));
    const examples = [...human, ...pruneRareBuckets(human, toExtraExamples(featuriser, extra), minBucketCount)];
    const hp = { ...settings.hyperparameters, batchSize: Math.max(settings.hyperparameters.batchSize, Math.ceil(examples.length / maxSteps)) };
    const model = await trainFastText(tf, examples, hp);
    const scorer = new GenreScorer(model.folded, config);
    return (records) => records.map((r) => sigmoid(scorer.logit(r)));
  };
}
