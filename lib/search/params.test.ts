import { describe, expect, it } from "vitest";
import {
  defaultSearchQuery,
  parseNextSearchParams,
  parseSearchParams,
  safeParseNextSearchParams,
  SearchParamsError,
  toggleFilter,
  toSearchHref,
  toSearchParams,
} from "@/lib/search/params";

const parse = (qs: string) => parseSearchParams(new URLSearchParams(qs));

function expectError(qs: string, param: string, fragment: string) {
  let caught: unknown;
  try {
    parse(qs);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(SearchParamsError);
  const err = caught as SearchParamsError;
  expect(err.param).toBe(param);
  expect(err.message).toContain(fragment);
}

describe("parseSearchParams", () => {
  it("gives the defaults for an empty query string", () => {
    expect(parse("")).toEqual(defaultSearchQuery());
  });

  it("parses every parameter", () => {
    const q = parse(
      "q=+history+of+rome+&page=3&per_page=50&sort=year_desc&year_from=1800&year_to=1850&f.place=London&f.place=Edinburgh&f.genre=Fiction&min_confidence=0.9&facet_limit=10",
    );
    expect(q).toEqual({
      q: "history of rome",
      page: 3,
      perPage: 50,
      sort: "year_desc",
      yearFrom: 1800,
      yearTo: 1850,
      filters: { place: ["Edinburgh", "London"], genre: ["Fiction"] },
      minConfidence: 0.9,
      facetLimit: 10,
    });
  });

  it("accepts the same year for both ends and boundary confidences", () => {
    expect(parse("year_from=1850&year_to=1850")).toMatchObject({ yearFrom: 1850, yearTo: 1850 });
    expect(parse("min_confidence=0").minConfidence).toBe(0);
    expect(parse("min_confidence=1").minConfidence).toBe(1);
    expect(parse("min_confidence=.5").minConfidence).toBe(0.5);
  });

  it("rejects an unknown facet, naming it", () => {
    expectError("f.colour=red", "f.colour", 'unknown facet "colour"');
  });

  it("rejects malformed and negative numbers", () => {
    expectError("page=abc", "page", 'must be a whole number (got "abc")');
    expectError("page=-1", "page", "whole number");
    expectError("page=0", "page", "at least 1");
    expectError("page=1.5", "page", "whole number");
    expectError("per_page=", "per_page", "whole number");
    expectError("year_from=-1800", "year_from", "whole number");
    expectError("min_confidence=-0.1", "min_confidence", "between 0 and 1");
    expectError("min_confidence=1.2", "min_confidence", "at most 1");
    expectError("min_confidence=abc", "min_confidence", "between 0 and 1");
  });

  it("rejects per_page over the maximum", () => {
    expectError("per_page=101", "per_page", "at most 100");
    expect(parse("per_page=100").perPage).toBe(100);
  });

  it("rejects a year range the wrong way round", () => {
    expectError("year_from=1900&year_to=1800", "year_from", "1900 is after year_to 1800");
  });

  it("rejects an unknown sort, a repeated scalar, an unknown parameter and an empty filter value", () => {
    expectError("sort=random", "sort", "must be one of relevance");
    expectError("page=1&page=2", "page", "more than once");
    expectError("colour=red", "colour", "unknown parameter");
    expectError("f.place=", "f.place", "empty filter value");
  });

  it("allows extra keys the caller reads itself", () => {
    const sp = new URLSearchParams("fq=lond&f.place=London");
    expect(parseSearchParams(sp, { extraKeys: ["fq"] }).filters).toEqual({ place: ["London"] });
    expect(() => parseSearchParams(sp)).toThrow(SearchParamsError);
  });

  it("keeps a repeated filter value once", () => {
    expect(parse("f.place=London&f.place=London").filters).toEqual({ place: ["London"] });
  });
});

describe("parseNextSearchParams", () => {
  it("reads Next's searchParams object with repeated keys as arrays", () => {
    const q = parseNextSearchParams({ q: "poems", "f.place": ["London", "Bath"], page: "2", unused: undefined });
    expect(q).toMatchObject({ q: "poems", page: 2, filters: { place: ["Bath", "London"] } });
  });

  it("has a safe variant that returns the error", () => {
    const r = safeParseNextSearchParams({ per_page: "500" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.param).toBe("per_page");
  });
});

describe("toSearchParams", () => {
  it("writes the canonical order and omits defaults", () => {
    const q = parse("page=2&f.place=London&sort=title&q=rome&f.genre=Fiction&f.place=Bath&min_confidence=0.7&year_to=1900");
    expect(toSearchParams(q).toString()).toBe(
      "q=rome&f.genre=Fiction&f.place=Bath&f.place=London&year_to=1900&min_confidence=0.7&sort=title&page=2",
    );
    expect(toSearchHref(defaultSearchQuery())).toBe("/");
  });

  it("round-trips: parse(serialise(q)) equals q, and serialise is stable", () => {
    const cases = [
      "",
      "q=Erz%C3%A4hlung",
      "q=a%26b%3Dc&f.publisher=Smith%2C+Elder+%26+Co.&per_page=100&facet_limit=5",
      "f.language=English&f.language=French&f.language_source=catalogue&min_confidence=0.99&sort=genre_confidence",
      "year_from=1800&page=9999",
    ];
    for (const qs of cases) {
      const q = parse(qs);
      const canonical = toSearchParams(q).toString();
      expect(parse(canonical)).toEqual(q);
      expect(toSearchParams(parse(canonical)).toString()).toBe(canonical);
    }
  });

  it("toggles filters and resets the page", () => {
    const q = { ...parse("f.place=London&page=4") };
    const added = toggleFilter(q, "place", "Bath");
    expect(added.filters).toEqual({ place: ["Bath", "London"] });
    expect(added.page).toBe(1);
    expect(toggleFilter(toggleFilter(added, "place", "Bath"), "place", "London").filters).toEqual({});
  });
});
