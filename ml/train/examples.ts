/** Turning labelled books (and extra weighted examples) into hashed training examples. */
import type { LabelledBook, WeightedExample } from "@/ml/data/labelled-books";
import { DEFAULT_LANGUAGE_WEIGHTING, toLanguageWeights } from "@/ml/data/weights";
import type { Featuriser } from "@/ml/features/featurise";
import type { TrainingExample } from "@/ml/model/fasttext";

/** Per-book weights: language reweighting (see ml/data/weights.ts) or all 1. */
export function toBookWeights(books: readonly LabelledBook[], languageWeighting: boolean): number[] {
  return languageWeighting ? toLanguageWeights(books.map((b) => b.language), DEFAULT_LANGUAGE_WEIGHTING) : books.map(() => 1);
}

export function toBookExamples(featuriser: Featuriser, books: readonly LabelledBook[], weights: readonly number[]): TrainingExample[] {
  return books.map((b, i) => ({ fields: featuriser.toBuckets(b.record), y: b.y, weight: weights[i]! }));
}

export function toExtraExamples(featuriser: Featuriser, extra: readonly WeightedExample[]): TrainingExample[] {
  return extra.map((e, i) => {
    if (!(e.weight > 0 && e.weight <= 1)) throw new RangeError(`Extra example ${i} ("${e.record.title.slice(0, 60)}"): weight ${e.weight} is not in (0, 1]`);
    return { fields: featuriser.toBuckets(e.record), y: e.label === "Fiction" ? 1 : 0, weight: e.weight };
  });
}
