import { describe, expect, it } from "vitest";
import { fitLanguageCalibration, LANGUAGE_CALIBRATION, toCalibratedConfidence, toLogit } from "./calibration";

describe("language confidence calibration", () => {
  it("is monotonic, so it never changes which answers pass a threshold order", () => {
    const ps = [0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.999];
    const qs = ps.map((p) => toCalibratedConfidence(p));
    for (let i = 1; i < qs.length; i++) expect(qs[i]!).toBeGreaterThan(qs[i - 1]!);
    for (const q of qs) expect(q).toBeGreaterThan(0);
    for (const q of qs) expect(q).toBeLessThan(1);
  });

  it("raises lid.176's modest probabilities on titles (the committed map)", () => {
    expect(LANGUAGE_CALIBRATION.shift).toBeGreaterThan(0);
    expect(toCalibratedConfidence(0.5)).toBeGreaterThan(0.7);
  });

  it("fits an underconfident scorer upwards and leaves a calibrated one nearly alone", () => {
    // 60%-confident answers that are right 90% of the time.
    const under = Array.from({ length: 200 }, (_, i) => ({ probability: 0.6, correct: i % 10 !== 0 }));
    const c = fitLanguageCalibration(under);
    expect(toCalibratedConfidence(0.6, c)).toBeCloseTo(0.9, 2);
    const calibrated = [
      ...Array.from({ length: 100 }, (_, i) => ({ probability: 0.8, correct: i % 5 !== 0 })),
      ...Array.from({ length: 100 }, (_, i) => ({ probability: 0.5, correct: i % 2 === 0 })),
    ];
    const id = fitLanguageCalibration(calibrated);
    expect(toCalibratedConfidence(0.8, id)).toBeCloseTo(0.8, 2);
    expect(toCalibratedConfidence(0.5, id)).toBeCloseTo(0.5, 2);
  });

  it("refuses to fit on nothing and clamps probabilities of 0 and 1", () => {
    expect(() => fitLanguageCalibration([])).toThrow(/no scored predictions/);
    expect(Number.isFinite(toLogit(0))).toBe(true);
    expect(Number.isFinite(toLogit(1))).toBe(true);
  });
});
