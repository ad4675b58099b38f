/**
 * Evaluating a saved model on a labelled file (for example a new human-checked sample).
 * Books the model was trained on are flagged: their figures are in-sample.
 */
import type { LabelledBook } from "@/ml/data/labelled-books";
import { predictRecords, type GenreModel } from "@/ml/model/artifacts";
import { buildGenreEvaluation, type GenreEvaluation } from "./evaluate-genre";

export interface SavedModelEvaluation {
  all: GenreEvaluation;
  /** Only books whose id was not among the model's training books (null when none). */
  unseen: GenreEvaluation | null;
  seenInTraining: number;
}

export function evaluateSavedModel(model: GenreModel, books: readonly LabelledBook[], trainingIds: ReadonlySet<string>): SavedModelEvaluation {
  const p = predictRecords(model, books.map((b) => b.record)).map((x) => x.pFiction);
  const thresholds = { perClass: model.meta.thresholds, chosenOn: `the model's own thresholds (${model.meta.version})` };
  const index = books.map((_, i) => i);
  const unseenIdx = index.filter((i) => !trainingIds.has(books[i]!.id));
  return {
    all: buildGenreEvaluation("all books in the file", books, index, p, thresholds),
    unseen: unseenIdx.length > 0 ? buildGenreEvaluation("books not used in training", books, unseenIdx, unseenIdx.map((i) => p[i]!), thresholds) : null,
    seenInTraining: books.length - unseenIdx.length,
  };
}
