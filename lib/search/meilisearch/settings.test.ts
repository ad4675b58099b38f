import { describe, expect, it } from "vitest";
import { FACETS } from "@/lib/facets/table";
import { buildIndexSettings, MAX_TOTAL_HITS } from "@/lib/search/meilisearch/settings";

describe("buildIndexSettings", () => {
  const s = buildIndexSettings();

  it("makes every facet field filterable, with confidence fields for machine facets", () => {
    for (const f of FACETS) expect(s.filterableAttributes).toContain(f.field);
    expect(s.filterableAttributes).toEqual(expect.arrayContaining(["year", "conf_genre", "conf_language"]));
    expect(s.filterableAttributes).not.toContain("conf_place");
  });

  it("searches the text fields plus the folded copy, and sorts on what the sorts need", () => {
    expect(s.searchableAttributes).toEqual(["title", "names", "places", "publisher", "search_folded"]);
    expect([...(s.sortableAttributes ?? [])].sort()).toEqual(["genre_confidence", "title_sort", "year"]);
  });

  it("keeps totals and deep pages exact beyond the collection size", () => {
    expect(s.pagination?.maxTotalHits).toBe(MAX_TOTAL_HITS);
    expect(MAX_TOTAL_HITS).toBeGreaterThanOrEqual(1_000_000);
    expect(s.faceting?.maxValuesPerFacet).toBeGreaterThanOrEqual(10_000);
    expect(s.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } });
  });
});
