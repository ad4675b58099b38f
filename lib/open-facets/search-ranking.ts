/**
 * Open-facet picks on the main search page: the books matching the query and facets, re-ranked by
 * the open facet's probability ("rank") or kept when it reaches a threshold ("filter", in the
 * query's own order). Picked books are left out: they are the examples, not results.
 */
export type OpenFacetMode = "rank" | "filter";

export interface ScoredId {
  id: string;
  /** Open-facet probability; null for a book without a vector (ranked last, never kept by a filter). */
  score: number | null;
}

export function rankByOpenFacet(ids: Iterable<string>, scoreOf: (id: string) => number | null, exclude: ReadonlySet<string>, mode: OpenFacetMode, min: number): ScoredId[] {
  const out: ScoredId[] = [];
  for (const id of ids) {
    if (exclude.has(id)) continue;
    const score = scoreOf(id);
    if (mode === "filter" && (score === null || score < min)) continue;
    out.push({ id, score });
  }
  // Array.prototype.sort is stable: equal scores keep the query's order.
  if (mode === "rank") out.sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  return out;
}
