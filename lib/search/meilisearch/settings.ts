import { getFacetTable } from "@/lib/facets/live-table";
import type { Settings } from "meilisearch";
import { type FacetDef, isMachineFacet } from "@/lib/facets/table";

/**
 * Index settings, declared in code from the facet table so adding a facet row changes the
 * index with no other edit. Applied to every freshly built index before documents go in.
 */

/** Above the collection size (34k now, 1M planned): exact totals and deep pages need it. */
export const MAX_TOTAL_HITS = 2_000_000;
/** Publisher has thousands of values; counts and `distinct` are right up to this many values. */
export const MAX_VALUES_PER_FACET = 10_000;

/** Hidden fields added at the adapter edge (never returned to callers). */
export const FOLDED_TEXT_FIELD = "search_folded";
export const TITLE_SORT_FIELD = "title_sort";

/**
 * Per machine facet: `conf_<facet>` = the prediction's confidence, 2 for catalogued values (never
 * below a threshold), -1 for a prediction without a confidence (below every threshold), absent
 * when the record has no value. "uncertain" is then the range filter `conf_<facet> < t`.
 */
export function confidenceFilterField(facet: FacetDef): string {
  return `conf_${facet.name}`;
}

export const CATALOGUED_CONFIDENCE = 2;
export const UNKNOWN_CONFIDENCE = -1;

export const SEARCHABLE_ATTRIBUTES = ["title", "names", "places", "publisher", FOLDED_TEXT_FIELD] as const;

/** Sort key -> Meilisearch sort expression(s); records without the field sort last in Meilisearch. */
export const SORTS = {
  relevance: [],
  year_asc: ["year:asc", `${TITLE_SORT_FIELD}:asc`],
  year_desc: ["year:desc", `${TITLE_SORT_FIELD}:asc`],
  title: [`${TITLE_SORT_FIELD}:asc`],
  genre_confidence: ["genre_confidence:desc", `${TITLE_SORT_FIELD}:asc`],
} as const;

/** Every attribute a filter expression may name: the allow-list of the filter builder. */
export function filterableAttributes(): string[] {
  const out = new Set<string>(["year"]);
  for (const f of getFacetTable()) {
    out.add(f.field);
    if (isMachineFacet(f)) out.add(confidenceFilterField(f));
  }
  return [...out];
}

export function sortableAttributes(): string[] {
  return [...new Set(Object.values(SORTS).flatMap((s) => s.map((e) => e.split(":")[0] as string)))];
}

export function buildIndexSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: filterableAttributes(),
    sortableAttributes: sortableAttributes(),
    displayedAttributes: ["*"],
    faceting: {
      maxValuesPerFacet: MAX_VALUES_PER_FACET,
      sortFacetValuesBy: { "*": "count" },
    },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    // Same typo budget as the embedded engine: 1 typo from 4 letters, 2 from 8.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  };
}
