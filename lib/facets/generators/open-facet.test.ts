import { describe, expect, it } from "vitest";
import { buildIdIndex } from "@/lib/open-facets/rank";
import type { PromotedFacet } from "@/lib/promotion/promotion";
import { buildTestRecord } from "@/lib/testing/book-record";
import { quantise, type VectorSet } from "@/ml/vectors/vector-file";
import { createPromotedGenerator } from "./open-facet";

/**
 * Two clusters in 2-D: a few "a*" books near (1, 0) and many "b*" books near (0, 1), as a topic is
 * rare in the collection (the random background negatives are then mostly other books).
 */
function clusters(): VectorSet {
  const ids: string[] = [];
  const vectors: Float32Array[] = [];
  for (let i = 0; i < 6; i++) {
    ids.push(`a${i}`);
    vectors.push(Float32Array.from([1, (i % 5) * 0.02]));
  }
  for (let i = 0; i < 200; i++) {
    ids.push(`b${i}`);
    vectors.push(Float32Array.from([(i % 5) * 0.02, 1]));
  }
  return { dims: 2, ids, ...quantise(vectors, 2), meta: { kind: "test" } };
}

const facet = { slug: "travel", label: "Travel", version: 3, pos: ["a0", "a1", "a2"], neg: ["b0"], threshold: 0.5, promotedBy: "ann@bl.uk", promotedAt: "2026-11-25T20:00:00.000Z" } as PromotedFacet;

describe("promoted open-facet generator", () => {
  const set = clusters();
  const generator = createPromotedGenerator(facet, { loadVectors: () => ({ file: "test", set, index: buildIdIndex(set) }) });

  it("is named after the facet and versioned by facet version and vector version", async () => {
    expect(generator.name).toBe("open_travel");
    expect(await generator.version()).toMatch(/^travel-v3\+vec-[0-9a-f]{10}$/);
    expect(await generator.meta?.()).toMatchObject({ card: "/about/model/open/travel", facetVersion: 3, threshold: 0.5, picks: { pos: 3, neg: 1 } });
  });

  it("says yes for the picked cluster and no for the other, with the probability of its answer; null without a vector", async () => {
    const out = await generator.predict([buildTestRecord("a5", "A title"), buildTestRecord("b7", "A title"), buildTestRecord("zzz", "A title")]);
    expect(out[0]).toMatchObject({ value: "yes" });
    expect(out[1]).toMatchObject({ value: "no" });
    expect(out[2]).toBeNull();
    for (const v of out.slice(0, 2)) {
      expect(v!.confidence).toBeGreaterThanOrEqual(0.5);
      expect(v!.confidence).toBeCloseTo(v!.value === "yes" ? v!.extra!.p! : 1 - v!.extra!.p!, 6);
    }
  });
});
