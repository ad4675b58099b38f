import { DEFAULT_OPEN_FACET_MIN } from "@/lib/search/params";
import type { OpenFacetQuery, SearchQuery } from "@/lib/search/types";
import { buildSearchHref } from "./search-href";

export type PickChange = { pos: string } | { neg: string } | { remove: string } | { mode: OpenFacetQuery["mode"] } | "clear";

/**
 * The search with one open-facet pick added, moved or removed (or the mode switched, or the open
 * facet cleared), back on page 1. A book is either "more like this" or "not this", never both.
 */
export function toPickedQuery(query: SearchQuery, change: PickChange): SearchQuery {
  const current: OpenFacetQuery = query.openFacet ?? { pos: [], neg: [], mode: "rank", min: DEFAULT_OPEN_FACET_MIN };
  if (change === "clear") return { ...query, openFacet: undefined, page: 1 };
  if ("mode" in change) return { ...query, openFacet: { ...current, mode: change.mode }, page: 1 };
  const id = "pos" in change ? change.pos : "neg" in change ? change.neg : change.remove;
  const pos = current.pos.filter((p) => p !== id);
  const neg = current.neg.filter((p) => p !== id);
  if ("pos" in change) pos.push(id);
  if ("neg" in change) neg.push(id);
  const openFacet = pos.length + neg.length > 0 ? { ...current, pos, neg } : undefined;
  return { ...query, openFacet, page: 1 };
}

export function buildPickHref(query: SearchQuery, change: PickChange): string {
  return buildSearchHref(toPickedQuery(query, change));
}
