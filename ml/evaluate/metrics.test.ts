import { describe, expect, it } from "vitest";
import { GENRE_LABELS } from "@/ml/data/labelled-books";
import { applyClassThresholds, chooseClassThresholds, classificationReport, confusionMatrix, expectedCalibrationError, precisionCoverage, sliceMetrics } from "./metrics";

// Hand-computed case: 10 books, classes 0 = Non-fiction, 1 = Fiction.
// truth: 1 1 1 1 0 0 0 0 0 0 ; predicted: 1 1 1 0 1 0 0 0 0 0
// Fiction: TP 3, FN 1, FP 1 -> P 3/4, R 3/4, F1 0.75
// Non-fiction: TP 5, FN 1, FP 1 -> P 5/6, R 5/6, F1 5/6
// macro-F1 = (0.75 + 0.8333) / 2 = 0.79167; accuracy 8/10
const ys = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const preds = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0];

describe("classification metrics", () => {
  it("builds the confusion matrix as [actual][predicted] in GENRE_LABELS order", () => {
    expect(GENRE_LABELS).toEqual(["Non-fiction", "Fiction"]);
    expect(confusionMatrix(ys, preds)).toEqual([
      [5, 1],
      [1, 3],
    ]);
  });
  it("computes per-class P/R/F1 under the right class names, macro-F1 and accuracy", () => {
    const r = classificationReport(ys, preds);
    const fiction = r.perClass.find((c) => c.label === "Fiction")!;
    const non = r.perClass.find((c) => c.label === "Non-fiction")!;
    expect(fiction).toMatchObject({ precision: 0.75, recall: 0.75, f1: 0.75, support: 4, predicted: 4 });
    expect(non.precision).toBeCloseTo(5 / 6, 10);
    expect(non.recall).toBeCloseTo(5 / 6, 10);
    expect(non.support).toBe(6);
    expect(r.macroF1).toBeCloseTo((0.75 + 5 / 6) / 2, 10);
    expect(r.accuracy).toBe(0.8);
  });
  it("gives F1 0, not NaN, for a class never predicted", () => {
    const r = classificationReport([1, 0, 0], [0, 0, 0]);
    expect(r.perClass[1]!.f1).toBe(0);
    expect(r.macroF1).toBeCloseTo(0.4, 10); // Non-fiction F1 = 2*(2/3*1)/(2/3+1) = 0.8
  });
});

describe("expectedCalibrationError", () => {
  it("matches a hand computation", () => {
    // Confidences: 0.9 (correct), 0.9 (wrong), 0.6 (correct), 0.6 (correct); 10 bins.
    // bin [0.9,1.0): 2 books, accuracy 0.5, confidence 0.9 -> |0.4| * 2/4 = 0.2
    // bin [0.6,0.7): 2 books, accuracy 1.0, confidence 0.6 -> |0.4| * 2/4 = 0.2
    const y = [1, 0, 0, 1];
    const p = [0.9, 0.9, 0.4, 0.6]; // third: predicts Non-fiction with confidence 0.6, correct
    const { ece, bins } = expectedCalibrationError(y, p, 10);
    expect(ece).toBeCloseTo(0.4, 10);
    expect(bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(bins[6]).toMatchObject({ count: 2, accuracy: 1 });
  });
  it("is 0 for perfectly calibrated confident predictions", () => {
    expect(expectedCalibrationError([1, 0], [1, 0]).ece).toBe(0);
  });
});

describe("thresholds and coverage", () => {
  const y = [1, 1, 1, 0, 0, 0, 0, 1];
  const p = [0.99, 0.95, 0.7, 0.6, 0.2, 0.1, 0.05, 0.3];
  it("keeps only predictions at or above the confidence threshold", () => {
    const [at90] = precisionCoverage(y, p, [0.9]);
    // confident (>= 0.9): 0.99 F ok, 0.95 F ok, 0.9 NF (p=0.1) ok, 0.95 NF (p=0.05) ok -> 4 of 8, all correct
    expect(at90).toMatchObject({ kept: 4, coverage: 0.5, precision: 1 });
  });
  it("chooses the lowest per-class threshold that still reaches the precision target", () => {
    const t = chooseClassThresholds(y, p, 0.99, 1);
    // Fiction candidates (p >= .5) by p: .99 ok, .95 ok, .7 ok, .6 wrong -> best threshold 0.7 (3 kept, precision 1)
    expect(t[1]).toMatchObject({ label: "Fiction", threshold: 0.7, kept: 3, precision: 1 });
    // Non-fiction candidates by 1-p: .95 ok, .9 ok, .8 ok, .7 wrong (the 0.3 is Fiction) -> threshold 0.8
    expect(t[0]!.label).toBe("Non-fiction");
    expect(t[0]!.threshold).toBeCloseTo(0.8, 10);
    const applied = applyClassThresholds(y, p, t);
    expect(applied).toMatchObject({ kept: 6, precision: 1, coverage: 0.75 });
  });
  it("returns null when no cut reaches the target with enough books", () => {
    const t = chooseClassThresholds([0, 1], [0.9, 0.8], 0.99, 1);
    expect(t[1]!.threshold).toBeNull();
  });
});

describe("sliceMetrics", () => {
  it("reports macro-F1 only where both classes occur, and the error rate always", () => {
    const s = sliceMetrics(["en", "en", "sv", "sv"], [1, 0, 0, 0], [0.9, 0.2, 0.8, 0.1]);
    const en = s.find((x) => x.slice === "en")!;
    const sv = s.find((x) => x.slice === "sv")!;
    expect(en.macroF1).toBe(1);
    expect(sv.macroF1).toBeNull();
    expect(sv.errorRate).toBe(0.5);
  });
});
