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

/** A JSON answer before it becomes a Response: the custom server's fast path writes it straight to the socket. */
export interface JsonPayload {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_HEADERS: Readonly<Record<string, string>> = { "content-type": "application/json", ...NO_STORE };

export function toJsonPayload(body: unknown, status = 200, headers: Record<string, string> = {}): JsonPayload {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** Maps typed errors to HTTP statuses; anything unexpected is a 500 and is logged with its cause. */
export function toErrorPayload(error: unknown): JsonPayload {
  if (error instanceof SearchParamsError) return toJsonPayload({ error: error.message, param: error.param }, 400);
  if (error instanceof SearchUnavailableError) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    return toJsonPayload({ error: error.message, cause }, 503, { "retry-after": "5" });
  }
  console.error("unexpected error in search API", error);
  return toJsonPayload({ error: "internal error" }, 500);
}

export function toResponse(payload: JsonPayload): Response {
  return new Response(payload.body, { status: payload.status, headers: payload.headers });
}

export function toErrorResponse(error: unknown): Response {
  return toResponse(toErrorPayload(error));
}

export function toJsonResponse(body: unknown): Response {
  return toResponse(toJsonPayload(body));
}
