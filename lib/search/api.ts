import { SearchUnavailableError } from "@/lib/search/errors";
import { SearchParamsError } from "@/lib/search/params";
import type { FacetCount, HighlightPart, SearchDoc, SearchResult } from "@/lib/search/types";

/**
 * The JSON API's shapes (documented in the README), mapped from engine results at the route edge
 * so the engine types can evolve without changing what clients read.
 */
export type ApiHit = SearchDoc & { highlight: Partial<Record<string, HighlightPart[]>> };

export interface ApiSearchResponse {
  total: number;
  page: number;
  per_page: number;
  hits: ApiHit[];
  /** facet name -> values with counts (count-ordered facets: top `facet_limit`; decade: every value). */
  facets: Record<string, FacetCount[]>;
  /** facet name -> number of matching records without a value for it. */
  facet_missing: Record<string, number>;
  /** facet name -> number of distinct values (so a client knows whether to offer "more"). */
  facet_distinct: Record<string, number>;
  took_ms: number;
}

export function toApiSearchResponse(result: SearchResult): ApiSearchResponse {
  const facets: Record<string, FacetCount[]> = {};
  const facetMissing: Record<string, number> = {};
  const facetDistinct: Record<string, number> = {};
  for (const [name, f] of Object.entries(result.facets)) {
    facets[name] = f.values;
    facetMissing[name] = f.missing;
    facetDistinct[name] = f.distinct;
  }
  return {
    total: result.total,
    page: result.page,
    per_page: result.perPage,
    hits: result.hits.map((h) => ({ ...h.doc, highlight: h.highlight })),
    facets,
    facet_missing: facetMissing,
    facet_distinct: facetDistinct,
    took_ms: Math.round(result.tookMs * 100) / 100,
  };
}

const NO_STORE = { "cache-control": "no-store" };

/** Maps typed errors to HTTP statuses; anything unexpected is a 500 and is logged with its cause. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof SearchParamsError) {
    return Response.json({ error: error.message, param: error.param }, { status: 400, headers: NO_STORE });
  }
  if (error instanceof SearchUnavailableError) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return Response.json({ error: error.message, cause }, { status: 503, headers: { ...NO_STORE, "retry-after": "5" } });
  }
  console.error("unexpected error in search API", error);
  return Response.json({ error: "internal error" }, { status: 500, headers: NO_STORE });
}

export function toJsonResponse(body: unknown): Response {
  return Response.json(body, { headers: NO_STORE });
}
