import { applyCalibration, fitCalibration, type Calibration } from "@/ml/model/calibration";

/**
 * lid.176's probabilities are too modest on short titles: on the OCR reference 96.8% of its
 * answers are right, yet a "confidence >= 0.9" filter keeps only 54% of the books (at 99.5%
 * accuracy). A Platt map
 * p' = sigmoid(scale * logit(p) + shift) rescales the confidence without changing any answer.
 *
 * `LANGUAGE_CALIBRATION` (cal2, for code table map2) was fitted on the catalogue reference (the
 * 1,744 annotated books, the harder set: many Dutch and Scandinavian titles) and checked on the
 * OCR reference, which it never saw: expected calibration error 0.122 -> 0.019; at >= 0.9,
 * 87.6% of the books kept at 99.2% accuracy (53.9% with fastText's own probability). Fitted on
 * the OCR set instead it would be bolder (scale 1.25, shift 2.01): the catalogue fit is the
 * cautious choice. `npm run ml:language-report` refits and prints both,
 * so drift shows.
 */
export const LANGUAGE_CALIBRATION_VERSION = "cal2";

export const LANGUAGE_CALIBRATION: Calibration = { scale: 1.1719, shift: 1.4919 };

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
