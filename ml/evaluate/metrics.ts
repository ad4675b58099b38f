/**
 * Classification metrics for the two genre classes. Class index 0 is "Non-fiction" and 1 is
 * "Fiction" everywhere (GENRE_LABELS): the study printed its report with the names swapped,
 * so every table here is built from the label list, never from a hand-typed order.
 */
import { GENRE_LABELS, type GenreLabel } from "@/ml/data/labelled-books";

export interface ClassMetrics {
  label: GenreLabel;
  precision: number;
  recall: number;
  f1: number;
  /** True examples of the class. */
  support: number;
  /** Examples predicted as the class. */
  predicted: number;
}

export interface ClassificationReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[trueClass][predictedClass], classes in GENRE_LABELS order. */
  confusion: number[][];
  labels: readonly GenreLabel[];
}

export function toPredictedClass(pFiction: number): 0 | 1 {
  return pFiction >= 0.5 ? 1 : 0;
}

export function confusionMatrix(ys: readonly number[], predicted: readonly number[]): number[][] {
  if (ys.length !== predicted.length) throw new Error(`confusionMatrix: ${ys.length} labels but ${predicted.length} predictions`);
  const m = GENRE_LABELS.map(() => GENRE_LABELS.map(() => 0));
  ys.forEach((y, i) => {
    m[y]![predicted[i]!]!++;
  });
  return m;
}

function safeDiv(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function classificationReport(ys: readonly number[], predicted: readonly number[]): ClassificationReport {
  const confusion = confusionMatrix(ys, predicted);
  const perClass = GENRE_LABELS.map((label, c) => {
    const tp = confusion[c]![c]!;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[c]!, 0);
    const precision = safeDiv(tp, predictedCount);
    const recall = safeDiv(tp, support);
    return { label, precision, recall, f1: safeDiv(2 * precision * recall, precision + recall), support, predicted: predictedCount };
  });
  const correct = confusion.reduce((a, row, c) => a + row[c]!, 0);
  return {
    n: ys.length,
    accuracy: safeDiv(correct, ys.length),
    macroF1: perClass.reduce((a, m) => a + m.f1, 0) / perClass.length,
    perClass,
    confusion,
    labels: GENRE_LABELS,
  };
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/**
 * Expected calibration error of the top label (Guo et al. 2017): equal-width confidence bins
 * over [0, 1], |accuracy - confidence| weighted by the bin's share of examples.
 */
export function expectedCalibrationError(ys: readonly number[], pFiction: readonly number[], numBins = 15): { ece: number; bins: ReliabilityBin[] } {
  const bins = Array.from({ length: numBins }, (_, b) => ({ lower: b / numBins, upper: (b + 1) / numBins, count: 0, conf: 0, correct: 0 }));
  pFiction.forEach((p, i) => {
    const predicted = toPredictedClass(p);
    const confidence = predicted === 1 ? p : 1 - p;
    const b = Math.min(numBins - 1, Math.floor(confidence * numBins));
    bins[b]!.count++;
    bins[b]!.conf += confidence;
    bins[b]!.correct += predicted === ys[i] ? 1 : 0;
  });
  const n = pFiction.length;
  let ece = 0;
  const out = bins.map((b) => {
    const meanConfidence = safeDiv(b.conf, b.count);
    const accuracy = safeDiv(b.correct, b.count);
    ece += (b.count / Math.max(n, 1)) * Math.abs(accuracy - meanConfidence);
    return { lower: b.lower, upper: b.upper, count: b.count, meanConfidence, accuracy };
  });
  return { ece, bins: out };
}

export interface CoveragePoint {
  threshold: number;
  coverage: number;
  /** Accuracy (= precision of the kept predictions) among books at or above the threshold. */
  precision: number;
  kept: number;
}

/** Precision against coverage when only predictions with confidence >= threshold are kept. */
export function precisionCoverage(ys: readonly number[], pFiction: readonly number[], thresholds?: readonly number[]): CoveragePoint[] {
  const ts = thresholds ?? Array.from({ length: 100 }, (_, i) => Math.round((0.5 + i * 0.005) * 1000) / 1000);
  return ts.map((threshold) => {
    let kept = 0;
    let correct = 0;
    pFiction.forEach((p, i) => {
      const predicted = toPredictedClass(p);
      const confidence = predicted === 1 ? p : 1 - p;
      if (confidence >= threshold) {
        kept++;
        if (predicted === ys[i]) correct++;
      }
    });
    return { threshold, coverage: safeDiv(kept, ys.length), precision: safeDiv(correct, kept), kept };
  });
}

export interface ClassThreshold {
  label: GenreLabel;
  /** Keep a prediction of this class when its probability is >= threshold; null: never confident. */
  threshold: number | null;
  /** Precision of the kept predictions on the data the threshold was chosen on. */
  precision: number;
  kept: number;
}

/**
 * Per class, the lowest probability threshold whose kept predictions reach the target
 * precision (with at least `minKept` of them): the most coverage at that precision.
 * Optional per-book weights make precision a weighted estimate, e.g. for the collection's
 * language mix rather than the labelled sample's.
 */
export function chooseClassThresholds(ys: readonly number[], pFiction: readonly number[], targetPrecision = 0.99, minKept = 10, weights?: readonly number[]): ClassThreshold[] {
  return GENRE_LABELS.map((label, c) => {
    const items = pFiction
      .map((p, i) => ({ p: c === 1 ? p : 1 - p, correct: ys[i] === c, w: weights?.[i] ?? 1 }))
      .filter((x) => x.p >= 0.5)
      .sort((a, b) => b.p - a.p);
    let best: ClassThreshold = { label, threshold: null, precision: 0, kept: 0 };
    let correct = 0;
    let total = 0;
    for (let k = 0; k < items.length; k++) {
      correct += items[k]!.correct ? items[k]!.w : 0;
      total += items[k]!.w;
      // Only cut between distinct probabilities: ties are kept or dropped together.
      if (k + 1 < items.length && items[k + 1]!.p === items[k]!.p) continue;
      const kept = k + 1;
      const precision = safeDiv(correct, total);
      if (kept >= minKept && precision >= targetPrecision) best = { label, threshold: items[k]!.p, precision, kept };
    }
    return best;
  });
}

export interface ThresholdedResult {
  coverage: number;
  precision: number;
  kept: number;
}

/** Coverage and precision when each class's predictions are kept only above its threshold (optionally weighted). */
export function applyClassThresholds(ys: readonly number[], pFiction: readonly number[], thresholds: readonly ClassThreshold[], weights?: readonly number[]): ThresholdedResult {
  let kept = 0;
  let keptW = 0;
  let correctW = 0;
  let totalW = 0;
  pFiction.forEach((p, i) => {
    const w = weights?.[i] ?? 1;
    totalW += w;
    const c = toPredictedClass(p);
    const t = thresholds[c]!.threshold;
    const prob = c === 1 ? p : 1 - p;
    if (t !== null && prob >= t) {
      kept++;
      keptW += w;
      if (ys[i] === c) correctW += w;
    }
  });
  return { coverage: safeDiv(keptW, totalW), precision: safeDiv(correctW, keptW), kept };
}

export interface SliceResult {
  slice: string;
  n: number;
  fiction: number;
  nonFiction: number;
  /** Only where both classes occur. */
  macroF1: number | null;
  accuracy: number;
  errorRate: number;
}

/** Metrics per slice: macro-F1 where both classes occur, the error rate always. */
export function sliceMetrics(keys: readonly string[], ys: readonly number[], pFiction: readonly number[]): SliceResult[] {
  const bySlice = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const list = bySlice.get(k);
    if (list) list.push(i);
    else bySlice.set(k, [i]);
  });
  return [...bySlice.entries()]
    .map(([slice, idx]) => {
      const y = idx.map((i) => ys[i]!);
      const pred = idx.map((i) => toPredictedClass(pFiction[i]!));
      const fiction = y.filter((v) => v === 1).length;
      const report = classificationReport(y, pred);
      const both = fiction > 0 && fiction < y.length;
      return { slice, n: y.length, fiction, nonFiction: y.length - fiction, macroF1: both ? report.macroF1 : null, accuracy: report.accuracy, errorRate: 1 - report.accuracy };
    })
    .sort((a, b) => b.n - a.n || (a.slice < b.slice ? -1 : 1));
}
