import { defineLf, type LabellingFunction } from "../types";

/** P(Fiction) per record id. */
export type FictionProbabilities = ReadonlyMap<string, number>;

export const DEFAULT_CLASSIFIER_CONFIDENCE = 0.97;

/**
 * A function backed by the genre classifier, as in the study (baseline model at > 0.97).
 * The map must hold, for every labelled training book, its out-of-fold prediction (from a model
 * that never saw the book), so that the function's accuracy on those books is honest; for the
 * other books, any model trained on the training split alone. The caller assembles the map;
 * this function only thresholds it, and abstains on ids the map does not hold.
 */
export function buildClassifierLf(predictions: FictionProbabilities, confidence = DEFAULT_CLASSIFIER_CONFIDENCE): LabellingFunction {
  if (!(confidence > 0.5 && confidence < 1)) throw new Error(`Classifier confidence must be in (0.5, 1), got ${confidence}`);
  return defineLf("classifier_confident", `genre classifier (out-of-fold on labelled books) at confidence ≥ ${confidence}`, (r) => {
    const p = predictions.get(r.id);
    if (p === undefined || Number.isNaN(p)) return null;
    if (p >= confidence) return "Fiction";
    if (1 - p >= confidence) return "Non-fiction";
    return null;
  });
}
