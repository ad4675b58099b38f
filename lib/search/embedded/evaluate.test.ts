import { describe, expect, it } from "vitest";
import { evaluate, type Evaluation } from "@/lib/search/embedded/evaluate";
import { buildIndexState } from "@/lib/search/embedded/index-state";
import { FIXTURE_DOCS } from "@/lib/search/fixtures/docs";
import { parseSearchParams } from "@/lib/search/params";

/** Plain copies: evaluate() hands out reused buffers, valid only until its next call. */
function snapshot(ev: Evaluation) {
  return {
    total: ev.total,
    hits: [...ev.hitMask.keys()].filter((d) => ev.hitMask[d] === 1),
    facets: Object.fromEntries([...ev.facets].map(([name, fc]) => [name, { counts: [...fc.counts], missing: fc.missing }])),
  };
}

const QUERIES = [
  "q=london&f.language=English",
  "q=london&f.language=English&f.genre=Fiction",
  "q=london&f.genre=Fiction&min_confidence=0.9",
  "q=london&f.genre=uncertain&min_confidence=0.9",
  "q=london&f.genre=uncertain&f.genre=Non-fiction&min_confidence=0.96",
  "q=paris&f.language=French&f.language=English&f.place=Paris&min_confidence=0.6",
  "q=history&f.decade=1830s&f.decade=1840s",
  "q=tales&f.country=Scotland&f.language=uncertain&min_confidence=0.95",
  "q=a&f.publisher=Murray",
];

describe("evaluate: per-candidate filter checks", () => {
  it.each(QUERIES)("give the same hits and disjunctive counts as the marked pass bits: %s", async (qs) => {
    const state = await buildIndexState(FIXTURE_DOCS);
    const query = parseSearchParams(new URLSearchParams(qs));
    const marked = snapshot(evaluate(state, query, "all", "marked"));
    const perCandidate = snapshot(evaluate(state, query, "all", "per-candidate"));
    expect(perCandidate).toEqual(marked);
  });

  it("leaves nothing behind for the next search in the reused buffers", async () => {
    const state = await buildIndexState(FIXTURE_DOCS);
    const first = parseSearchParams(new URLSearchParams("q=london&f.genre=Fiction"));
    const second = parseSearchParams(new URLSearchParams("q=paris"));
    const alone = snapshot(evaluate(await buildIndexState(FIXTURE_DOCS), second, "all"));
    evaluate(state, first, "all");
    expect(snapshot(evaluate(state, second, "all"))).toEqual(alone);
  });
});
