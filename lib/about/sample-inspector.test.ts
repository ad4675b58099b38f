import { describe, expect, it } from "vitest";
import {
  buildFictionShares,
  compareDistributions,
  countKeys,
  describeRatio,
  jensenShannon,
  toDistribution,
  toFirstLetter,
  OTHER,
} from "./sample-inspector";

const dist = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe("jensenShannon", () => {
  it("is 0 for identical distributions", () => {
    expect(jensenShannon(dist({ a: 0.2, b: 0.8 }), dist({ a: 0.2, b: 0.8 }))).toBe(0);
  });
  it("is 1 bit for disjoint distributions", () => {
    expect(jensenShannon(dist({ a: 0.5, b: 0.5 }), dist({ c: 1 }))).toBeCloseTo(1, 12);
  });
  it("matches a hand-computed value and is symmetric", () => {
    // P = (1, 0), Q = (0.5, 0.5), M = (0.75, 0.25):
    // KL(P||M) = log2(1/0.75); KL(Q||M) = 0.5 log2(0.5/0.75) + 0.5 log2(0.5/0.25)
    const expected = 0.5 * Math.log2(1 / 0.75) + 0.5 * (0.5 * Math.log2(0.5 / 0.75) + 0.5 * Math.log2(2));
    expect(jensenShannon(dist({ a: 1 }), dist({ a: 0.5, b: 0.5 }))).toBeCloseTo(expected, 12);
    expect(jensenShannon(dist({ a: 0.5, b: 0.5 }), dist({ a: 1 }))).toBeCloseTo(expected, 12);
  });
});

describe("describeRatio", () => {
  it("says how many-fold a value is over-represented", () => {
    expect(describeRatio("Dutch books", 0.12, 0.006)).toBe("the sample over-represents Dutch books 20-fold (12.0% of the sample, 0.6% of the collection)");
  });
  it("says under-represented with the inverse ratio", () => {
    expect(describeRatio("English books", 0.4, 0.8)).toBe("the sample under-represents English books 2.0-fold (40.0% of the sample, 80.0% of the collection)");
  });
  it("says about as many within 20%", () => {
    expect(describeRatio("books from the 1850s", 0.1, 0.11)).toMatch(/^the sample has about as many books from the 1850s/);
  });
  it("handles a value absent on one side", () => {
    expect(describeRatio("Welsh books", 0.01, 0)).toMatch(/collection none/);
    expect(describeRatio("Welsh books", 0, 0.01)).toMatch(/^the sample has no Welsh books/);
  });
});

describe("compareDistributions", () => {
  it("gives shares, ratios, the divergence and readings from counts", () => {
    const sample = [...Array(6).fill("Dutch"), ...Array(4).fill("English")] as string[];
    const collection = [...Array(3).fill("Dutch"), ...Array(97).fill("English")] as string[];
    const c = compareDistributions(sample, collection, { key: "language", title: "Language", noun: (v) => `${v} books` });
    const dutch = c.rows.find((r) => r.value === "Dutch")!;
    expect(dutch).toMatchObject({ sample: 6, collection: 3, sampleShare: 0.6, collectionShare: 0.03 });
    expect(dutch.ratio).toBeCloseTo(20, 9);
    expect(c.readings[0]).toBe("the sample over-represents Dutch books 20-fold (60.0% of the sample, 3.0% of the collection)");
    expect(c.jsd).toBeCloseTo(jensenShannon(toDistribution(countKeys(sample)), toDistribution(countKeys(collection))), 12);
    expect(c.jsd).toBeGreaterThan(0.1);
  });
  it("lumps values beyond the top N into other before measuring", () => {
    const c = compareDistributions(["a", "a", "b", "c"], ["a", "b", "b", "d"], { key: "k", title: "t", top: 2, noun: (v) => v });
    expect(c.rows.map((r) => r.value).sort()).toEqual(["a", "b", OTHER].sort());
    expect(c.rows.find((r) => r.value === OTHER)).toMatchObject({ sample: 1, collection: 1 });
  });
  it("reports 0 and no readings for identical samples", () => {
    const c = compareDistributions(["x", "y"], ["y", "x", "x", "y"], { key: "k", title: "t", noun: (v) => v });
    expect(c.jsd).toBe(0);
    expect(c.readings).toEqual([]);
  });
});

describe("buildFictionShares", () => {
  it("counts Fiction and the predictions below their label's threshold", () => {
    const shares = buildFictionShares(
      [
        { group: "1850s", value: "Fiction", confidence: 0.95 },
        { group: "1850s", value: "Fiction", confidence: 0.7 },
        { group: "1850s", value: "Non-fiction", confidence: 0.99 },
        { group: "1850s", value: "Non-fiction", confidence: 0.6 },
        { group: "1840s", value: "Fiction", confidence: 0.99 },
      ],
      [
        { label: "Non-fiction", threshold: 0.9 },
        { label: "Fiction", threshold: 0.8 },
      ],
    );
    expect(shares).toEqual([
      { group: "1840s", n: 1, fiction: 1, uncertain: 0 },
      { group: "1850s", n: 4, fiction: 0.5, uncertain: 0.5 },
    ]);
  });
  it("treats a label with no threshold as always uncertain", () => {
    const [g] = buildFictionShares([{ group: "g", value: "Fiction", confidence: 1 }], [{ label: "Fiction", threshold: null }]);
    expect(g?.uncertain).toBe(1);
  });
});

describe("toFirstLetter", () => {
  it("folds accents and case, groups the rest", () => {
    expect(toFirstLetter("élégies")).toBe("E");
    expect(toFirstLetter("  the")).toBe("T");
    expect(toFirstLetter("[Poems]")).toBe("not A-Z");
    expect(toFirstLetter("")).toBe("(empty)");
  });
});
