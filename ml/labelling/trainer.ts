import type { LabelledBook, WeightedExample } from "@/ml/data/labelled-books";
import type { Tf } from "@/ml/backend/load-tf";
import { buildFeatureConfig, Featuriser } from "@/ml/features/featurise";
import { sigmoid } from "@/ml/model/calibration";
import { trainFastText, type Hyperparameters } from "@/ml/model/fasttext";
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
}

export const DEFAULT_MAX_STEPS_PER_EPOCH = 32;

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
  return async (books: readonly LabelledBook[], extra: readonly WeightedExample[]) => {
    const examples = [...toBookExamples(featuriser, books, toBookWeights(books, settings.languageWeighting)), ...toExtraExamples(featuriser, extra)];
    const hp = { ...settings.hyperparameters, batchSize: Math.max(settings.hyperparameters.batchSize, Math.ceil(examples.length / maxSteps)) };
    const model = await trainFastText(tf, examples, hp);
    const scorer = new GenreScorer(model.folded, config);
    return (records) => records.map((r) => sigmoid(scorer.logit(r)));
  };
}
