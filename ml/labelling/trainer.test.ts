import { describe, expect, it } from "vitest";
import { pruneRareBuckets } from "./trainer";

const ex = (buckets: number[][]) => ({ fields: buckets.map((b) => Int32Array.from(b)), y: 1 as const, weight: 1 });

describe("pruneRareBuckets", () => {
  it("drops buckets of extra examples seen in fewer examples than the minimum, never touching human examples", () => {
    const human = [ex([[1, 2], [9]]), ex([[1, 3], []])];
    const extra = [ex([[1, 4, 4], [9]]), ex([[2, 5], [7]])];
    const pruned = pruneRareBuckets(human, extra, 2);
    // Counts by example: 1 -> 3, 2 -> 2, 3 -> 1, 4 -> 1 (twice in one example counts once), 5 -> 1, 9 -> 2, 7 -> 1.
    expect(pruned.map((e) => e.fields.map((f) => [...f]))).toEqual([
      [[1], [9]],
      [[2], []],
    ]);
    expect([...human[0]!.fields[0]!]).toEqual([1, 2]);
    expect(pruneRareBuckets(human, extra, 1)).toEqual(extra);
  });
});
