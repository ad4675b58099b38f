/** The metrics JSON of a training run: validation, hidden-sample view, refit cross-validation. */
import type { LabelledBook } from "@/ml/data/labelled-books";
import { isTrustedLabel, type GenreTrainingResult } from "@/ml/train/pipeline";
import { buildGenreEvaluation, findSuspectLabels, type EvaluatedBook, type GenreEvaluation } from "./evaluate-genre";
import { expectedCalibrationError } from "./metrics";
import { sigmoid } from "@/ml/model/calibration";

export interface GenreMetrics {
  titleOnly: boolean;
  validation: GenreEvaluation;
  /** Validation books reduced to the fields the hidden sample carries. */
  validationHiddenFields: GenreEvaluation;
  /**
   * Validation books whose annotation describes their own record (ml/data/annotation-join.ts),
   * hidden-sample fields only: the closest estimate here of a human-checked random sample.
   */
  validationTrusted: GenreEvaluation;
  /** Labelled books whose annotation seems to describe another book, and what the policy did with them. */
  untrustedLabels: { policy: string; books: number; fiction: number; leftOut: number; validationBooks: number };
  /** Out-of-fold predictions on all labelled books (the refit model's cross-validated figures). */
  refitCrossValidation: GenreEvaluation;
  calibration: {
    validation: { scale: number; shift: number; eceUncalibrated: number; eceCalibrated: number };
    refit: { scale: number; shift: number; eceUncalibratedOutOfFold: number; eceCalibratedOutOfFold: number };
  };
  suspectLabels: EvaluatedBook[];
  splits: { trainBooks: number; validBooks: number; folds: number };
  extra: GenreTrainingResult["extra"];
  timings: GenreTrainingResult["timings"];
}

/**
 * The books of `list` (indices into `books`) whose annotation fits their record, and `pick`,
 * which keeps the same positions of any array aligned with `list` (predictions, baselines).
 */
export function toTrustedSubset(books: readonly LabelledBook[], list: readonly number[]): { books: number[]; pick: (xs: readonly number[]) => number[] } {
  const positions = list.flatMap((b, j) => (books[b]!.joinMismatch === null ? [j] : []));
  return { books: positions.map((j) => list[j]!), pick: (xs) => positions.map((j) => xs[j]!) };
}

export function buildGenreMetrics(books: readonly LabelledBook[], result: GenreTrainingResult): GenreMetrics {
  const v = result.validation;
  const r = result.refit;
  const validYs = v.predictions.books.map((i) => books[i]!.y);
  const allYs = r.outOfFold.books.map((i) => books[i]!.y);
  const validation = buildGenreEvaluation("validation", books, v.predictions.books, v.predictions.pFiction, { perClass: v.thresholds, chosenOn: "calibration fold (cross-validated training books)" }, [
    { name: "majority class", pFiction: v.baselines.majority },
    { name: "TF-IDF logistic regression", pFiction: v.baselines.tfidf },
  ]);
  const validationHiddenFields = buildGenreEvaluation(
    "validation, hidden-sample fields only",
    books,
    v.hiddenFieldsPredictions.books,
    v.hiddenFieldsPredictions.pFiction,
    { perClass: v.thresholds, chosenOn: "calibration fold (cross-validated training books)" },
  );
  const refitCrossValidation = buildGenreEvaluation(
    "refit, cross-validated",
    books,
    r.outOfFold.books,
    r.outOfFold.pFiction,
    { perClass: r.thresholds, chosenOn: "the same out-of-fold predictions (optimistic for thresholds)" },
    [
      { name: "majority class", pFiction: r.baselines.majority },
      { name: "TF-IDF logistic regression", pFiction: r.baselines.tfidf },
    ],
  );
  const { books: trusted, pick } = toTrustedSubset(books, v.predictions.books);
  const validationTrusted = buildGenreEvaluation(
    "validation, labels that describe their record, hidden-sample fields only",
    books,
    trusted,
    pick(v.hiddenFieldsPredictions.pFiction),
    { perClass: v.thresholds, chosenOn: "calibration fold (cross-validated training books)" },
    [
      { name: "majority class", pFiction: pick(v.baselines.majority) },
      { name: "TF-IDF logistic regression", pFiction: pick(v.baselines.tfidf) },
    ],
  );
  const mismatched = books.filter((b) => b.joinMismatch !== null);
  const policy = result.settings.untrustedLabels;
  return {
    titleOnly: result.settings.titleOnly,
    validation,
    validationHiddenFields,
    validationTrusted,
    untrustedLabels: {
      policy,
      books: mismatched.length,
      fiction: mismatched.filter((b) => b.y === 1).length,
      leftOut: mismatched.filter((b) => !isTrustedLabel(b, policy)).length,
      validationBooks: mismatched.filter((b) => b.isValid).length,
    },
    refitCrossValidation,
    calibration: {
      validation: {
        ...v.calibration,
        eceUncalibrated: expectedCalibrationError(validYs, v.predictions.logits.map(sigmoid)).ece,
        eceCalibrated: validation.ece,
      },
      refit: {
        ...r.calibration,
        eceUncalibratedOutOfFold: expectedCalibrationError(allYs, r.outOfFold.logits.map(sigmoid)).ece,
        eceCalibratedOutOfFold: refitCrossValidation.ece,
      },
    },
    suspectLabels: findSuspectLabels(books, r.outOfFold.books, r.outOfFold.pFiction),
    splits: { trainBooks: v.trainBooks, validBooks: v.validBooks, folds: result.settings.folds },
    extra: result.extra,
    timings: result.timings,
  };
}
