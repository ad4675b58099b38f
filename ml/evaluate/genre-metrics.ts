/** The metrics JSON of a training run: validation, hidden-sample view, refit cross-validation. */
import type { LabelledBook } from "@/ml/data/labelled-books";
import type { GenreTrainingResult } from "@/ml/train/pipeline";
import { buildGenreEvaluation, findSuspectLabels, type EvaluatedBook, type GenreEvaluation } from "./evaluate-genre";
import { expectedCalibrationError } from "./metrics";
import { sigmoid } from "@/ml/model/calibration";

export interface GenreMetrics {
  titleOnly: boolean;
  validation: GenreEvaluation;
  /** Validation books reduced to the fields the hidden sample carries. */
  validationHiddenFields: GenreEvaluation;
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
  return {
    titleOnly: result.settings.titleOnly,
    validation,
    validationHiddenFields,
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
