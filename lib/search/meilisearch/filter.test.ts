import { describe, expect, it } from "vitest";
import { attribute, buildFilter, facetClause, FilterBuildError, missingClause, quote } from "@/lib/search/meilisearch/filter";
import { defaultSearchQuery, SearchParamsError } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";

const query = (over: Partial<SearchQuery>): SearchQuery => ({ ...defaultSearchQuery(), ...over });

/** Splits a filter into its quoted strings and the structure outside them (what an attacker would need to change). */
function structure(filter: string): { outside: string; strings: string[] } {
  const strings: string[] = [];
  let outside = "";
  let i = 0;
  while (i < filter.length) {
    const c = filter[i] as string;
    if (c !== '"') {
      outside += c;
      i++;
      continue;
    }
    let s = "";
    i++;
    while (i < filter.length && filter[i] !== '"') {
      if (filter[i] === "\\") i++;
      s += filter[i];
      i++;
    }
    i++;
    strings.push(s);
    outside += "S";
  }
  return { outside, strings };
}

describe("quote", () => {
  it("escapes backslashes and quotes", () => {
    expect(quote('say "hi"')).toBe('"say \\"hi\\""');
    expect(quote("a\\b")).toBe('"a\\\\b"');
    expect(quote('trailing\\')).toBe('"trailing\\\\"');
  });
});

describe("buildFilter", () => {
  it("ANDs facets and years, ORs values within a facet", () => {
    expect(buildFilter(query({ filters: { place: ["London", "Paris"], genre: ["Fiction"] }, yearFrom: 1800, yearTo: 1850 }))).toBe(
      'year >= 1800 AND year <= 1850 AND genre = "Fiction" AND (places = "London" OR places = "Paris")',
    );
    expect(buildFilter(defaultSearchQuery())).toBeUndefined();
  });

  it("leaves out one facet's own selection for its disjunctive counts", () => {
    const q = query({ filters: { place: ["London"], genre: ["Fiction"] } });
    expect(buildFilter(q, { exclude: "place" })).toBe('genre = "Fiction"');
  });

  it("keeps injection attempts inside one quoted value", () => {
    const attacks = ['" OR genre = "x', "London) OR (year > 0", "a AND b = c", '\\" OR 1 = 1 OR "', "x\\", 'TO "', "= != < > [ ]"];
    for (const value of attacks) {
      const filter = buildFilter(query({ filters: { place: [value], publisher: ["Murray"] } })) as string;
      const { outside, strings } = structure(filter);
      expect(outside).toBe("places = S AND publisher = S");
      expect(strings).toEqual([value, "Murray"]);
    }
  });

  it("applies min_confidence to machine facets only, and 'uncertain' as a range", () => {
    const q = query({ filters: { genre: ["Fiction", "uncertain"], place: ["uncertain"] }, minConfidence: 0.9 });
    expect(buildFilter(q)).toBe('((genre = "Fiction" AND conf_genre >= 0.9) OR conf_genre < 0.9) AND places = "uncertain"');
    expect(facetClause("language", ["English"], 0.7)).toBe('(language = "English" AND conf_language >= 0.7)');
  });

  it("makes 'uncertain' match nothing without a threshold", () => {
    expect(facetClause("genre", ["uncertain"], null)).toBe("(year < 0 AND year > 0)");
  });

  it("rejects unknown facets and attributes", () => {
    expect(() => buildFilter(query({ filters: { colour: ["red"] } }))).toThrow(SearchParamsError);
    expect(() => attribute("title")).toThrow(FilterBuildError);
    expect(() => attribute("year) OR (x")).toThrow(FilterBuildError);
  });

  it("counts records without a value", () => {
    expect(missingClause("publisher")).toBe("(publisher NOT EXISTS OR publisher IS NULL OR publisher IS EMPTY)");
  });
});
