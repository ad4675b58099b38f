import { describe, expect, it } from "vitest";
import { averageCurves, drawSeedSet, labelsToReach, pickLeastConfidentIndices, simulateCurve, type Example, type Trainer } from "./simulate";

describe("active-learning simulation", () => {
  it("least confidence picks the unlabelled items nearest 0.5", () => {
    expect(pickLeastConfidentIndices([0.9, 0.52, 0.1, 0.45, 0.5], [0, 1, 2, 3], 2)).toEqual([1, 3]);
  });

  it("the seed set holds both classes and is the same for the same seed", () => {
    const pool: Example[] = Array.from({ length: 20 }, (_, i) => ({ text: `t${i}`, y: i === 7 ? 1 : 0 }));
    const a = drawSeedSet(pool, 10, 3);
    expect(a).toEqual(drawSeedSet(pool, 10, 3));
    expect(a).toContain(7);
  });

  it("grows the labelled set by batches up to the cap and reads the curve", () => {
    // A trainer that knows the answer once it has seen a text containing "key".
    const train: Trainer = (texts) => (xs) => xs.map((x) => (texts.includes("key") && x.startsWith("f") ? 1 : 0));
    const pool: Example[] = [{ text: "f1", y: 1 }, { text: "n1", y: 0 }, { text: "key", y: 0 }, { text: "n2", y: 0 }, { text: "n3", y: 0 }];
    const test: Example[] = [{ text: "f2", y: 1 }, { text: "n4", y: 0 }];
    const curve = simulateCurve(pool, test, "random", [0, 1], train, { seedSize: 2, batchSize: 2, maxLabels: 5, seed: 1 });
    expect(curve.map((p) => p.labels)).toEqual([2, 4, 5]);
    expect(curve.at(-1)!.macroF1).toBe(1);
    expect(averageCurves([curve, curve])).toEqual(curve);
    expect(labelsToReach([{ labels: 10, macroF1: 0.5 }, { labels: 20, macroF1: 0.8 }], 0.7)).toBe(20);
    expect(labelsToReach([{ labels: 10, macroF1: 0.5 }], 0.7)).toBeNull();
  });
});
