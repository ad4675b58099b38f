import { describe, expect, it } from "vitest";
import { sigmoid, trainLogistic } from "./logistic";

describe("trainLogistic", () => {
  it("matches two gradient steps computed by hand", () => {
    // x = (1) labelled 1 and x = (-1) labelled 0, learning rate 1, from w = b = 0.
    // Step 1: p = 0.5 for both; dw = ((0.5-1)*1 + (0.5-0)*(-1)) / 2 = -0.5, db = 0 -> w = 0.5.
    // Step 2: p = sigmoid(0.5) = 0.622459, sigmoid(-0.5) = 0.377541; dw = -0.377541 (+ l2 * w).
    const xs = [[1], [-1]];
    const plain = trainLogistic(xs, [1, 0], [1, 1], { learningRate: 1, iterations: 2, l2: 0 });
    expect(plain.weights[0]).toBeCloseTo(0.5 + (1 - sigmoid(0.5)), 6);
    expect(plain.weights[0]).toBeCloseTo(0.877541, 5);
    expect(plain.bias).toBeCloseTo(0, 12);
    const ridge = trainLogistic(xs, [1, 0], [1, 1], { learningRate: 1, iterations: 2, l2: 0.1 });
    expect(ridge.weights[0]).toBeCloseTo(0.877541 - 0.05, 5);
  });

  it("sample weights move the bias towards the heavier class", () => {
    // Both examples at x = 0: only the bias learns; with weights 3:1 for y=1:y=0, db = (3*(0.5-1) + 1*0.5) / 4 = -0.25.
    const m = trainLogistic([[0], [0]], [1, 0], [3, 1], { learningRate: 1, iterations: 1, l2: 0 });
    expect(m.bias).toBeCloseTo(0.25, 12);
  });

  it("names a length mismatch", () => {
    expect(() => trainLogistic([[1]], [1, 0], [1], { learningRate: 1, iterations: 1, l2: 0 })).toThrow(/1 examples but 2 labels/);
  });
});
