import { applyCalibration, fitCalibration, type Calibration } from "@/ml/model/calibration";

/**
 * lid.176's probabilities are too modest on short titles: on the OCR reference its mean
 * confidence is about 0.83 where 96.5% of the answers are right, so a "confidence >= 0.9" filter
 * kept only half the books (at 99.5% accuracy). A Platt map
 * p' = sigmoid(scale * logit(p) + shift) rescales the confidence without changing any answer.
 *
 * `LANGUAGE_CALIBRATION` was fitted on the catalogue reference (the 1,744 annotated books, the
 * harder set: many Dutch and Scandinavian titles) and checked on the OCR reference, which it
 * never saw (expected calibration error 0.134 -> 0.036; at >= 0.9, 81% of the books kept at
 * 99.2% accuracy). Fitted on the OCR set instead it would be bolder (scale 1.10, shift 2.12):
 * the catalogue fit is the cautious choice. `npm run ml:language-report` refits and prints both,
 * so drift shows.
 */
export const LANGUAGE_CALIBRATION_VERSION = "cal1";

export const LANGUAGE_CALIBRATION: Calibration = { scale: 1.0503, shift: 1.226 };

const EPS = 1e-6;

export function toLogit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

export function toCalibratedConfidence(p: number, calibration: Calibration = LANGUAGE_CALIBRATION): number {
  return applyCalibration(calibration, toLogit(p));
}

/** Fits the map on (fastText probability, answer was right) pairs. */
export function fitLanguageCalibration(pairs: ReadonlyArray<{ probability: number; correct: boolean }>): Calibration {
  if (pairs.length === 0) throw new Error("fitLanguageCalibration: no scored predictions to fit on");
  return fitCalibration(
    pairs.map((p) => toLogit(p.probability)),
    pairs.map((p) => (p.correct ? 1 : 0)),
  );
}
