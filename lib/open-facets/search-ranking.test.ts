import { describe, expect, it } from "vitest";
import { rankByOpenFacet } from "./search-ranking";

const scores: Record<string, number | null> = { a: 0.2, b: 0.9, c: null, d: 0.6, e: 0.9, p: 0.99 };
const scoreOf = (id: string) => scores[id] ?? null;

describe("rankByOpenFacet", () => {
  it("ranks by probability, ties in the query's order, books without a vector last, picks left out", () => {
    expect(rankByOpenFacet(["a", "b", "c", "d", "e", "p"], scoreOf, new Set(["p"]), "rank", 0.5).map((r) => r.id)).toEqual(["b", "e", "d", "a", "c"]);
  });

  it("filters at the threshold and keeps the query's order", () => {
    expect(rankByOpenFacet(["e", "a", "c", "d", "b", "p"], scoreOf, new Set(["p"]), "filter", 0.6)).toEqual([
      { id: "e", score: 0.9 },
      { id: "d", score: 0.6 },
      { id: "b", score: 0.9 },
    ]);
  });
});
