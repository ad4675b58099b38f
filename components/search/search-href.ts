import { DEFAULT_PER_PAGE, MAX_PER_PAGE, toSearchHref } from "@/lib/search/params";
import type { SearchQuery, SortKey } from "@/lib/search/types";

/**
 * Links from one search state to another, on top of lib/search/params' canonical serialiser.
 * Every control on the search page is a link or a GET form, so the URL always holds the whole
 * state and the page works without JavaScript.
 */

export const PER_PAGE_OPTIONS = [10, DEFAULT_PER_PAGE, 50, MAX_PER_PAGE] as const;

export const SORT_OPTIONS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: "relevance", label: "Relevance" },
  { value: "year_asc", label: "Oldest first" },
  { value: "year_desc", label: "Newest first" },
  { value: "title", label: "Title A-Z" },
  { value: "genre_confidence", label: "Genre confidence (highest first)" },
];

export const CONFIDENCE_PRESETS = [0.7, 0.9, 0.99] as const;

/** The href for `query` with `change` applied; any change other than the page goes back to page 1. */
export function buildSearchHref(query: SearchQuery, change: Partial<SearchQuery> = {}): string {
  const page = change.page ?? 1;
  return toSearchHref({ ...query, ...change, page });
}

export function hasActiveFilters(query: SearchQuery): boolean {
  return (
    Object.values(query.filters).some((v) => v.length > 0) ||
    query.yearFrom !== null ||
    query.yearTo !== null ||
    query.minConfidence !== null
  );
}

/**
 * A browser's GET submission of the filter form sends empty fields (`year_from=`) and facet
 * value searches (`fq.<facet>`). Empty means "not set"; `fq.*` belongs to the page, not the query.
 */
export function splitPageParams(params: Record<string, string | string[] | undefined>): {
  searchParams: Record<string, string[]>;
  facetText: Record<string, string>;
} {
  const searchParams: Record<string, string[]> = {};
  const facetText: Record<string, string> = {};
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    // Next builds searchParams on a plain object, so `?constructor=x` arrives as [Object, "x"]: keep strings only.
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string" && v.trim() !== "");
    if (values.length === 0) continue;
    if (key.startsWith("fq.")) {
      facetText[key.slice(3)] = values[0] ?? "";
      continue;
    }
    searchParams[key] = values;
  }
  return { searchParams, facetText };
}
