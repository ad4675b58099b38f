import { describe, expect, it } from "vitest";
import { applyCalibration, fitCalibration, negativeLogLikelihood, sigmoid } from "./calibration";

describe("fitCalibration", () => {
  it("recovers temperature 2 on a hand-built overconfident set", () => {
    // Logits +-4; the true frequency of the predicted class is sigmoid(2) = 0.8808, i.e. the
    // model is overconfident by a factor 2 in logit space. 1000 books per side, 881 right.
    const logits: number[] = [];
    const ys: number[] = [];
    for (const sign of [1, -1]) {
      for (let i = 0; i < 1000; i++) {
        logits.push(4 * sign);
        const right = i < 881;
        ys.push(sign === 1 ? (right ? 1 : 0) : right ? 0 : 1);
      }
    }
    const c = fitCalibration(logits, ys, { temperatureOnly: true });
    const expectedScale = Math.log(0.881 / 0.119) / 4; // = 1 / temperature
    expect(c.scale).toBeCloseTo(expectedScale, 4);
    expect(1 / c.scale).toBeCloseTo(2, 1);
    expect(applyCalibration(c, 4)).toBeCloseTo(0.881, 4);
  });
  it("with a shift, corrects a biased prior and never worsens the likelihood", () => {
    const logits = [2, 2, 2, 2, -1, -1, -1, -1];
    const ys = [1, 1, 1, 0, 0, 0, 1, 0];
    const c = fitCalibration(logits, ys);
    expect(negativeLogLikelihood(c, logits, ys)).toBeLessThanOrEqual(negativeLogLikelihood({ scale: 1, shift: 0 }, logits, ys));
    expect(applyCalibration(c, 2)).toBeCloseTo(0.75, 3);
    expect(applyCalibration(c, -1)).toBeCloseTo(0.25, 3);
  });
  it("sigmoid is stable at the extremes", () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});
