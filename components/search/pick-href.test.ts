import { describe, expect, it } from "vitest";
import { defaultSearchQuery, parseSearchParams } from "@/lib/search/params";
import { buildPickHref, toPickedQuery } from "./pick-href";

describe("open-facet picks on the search page", () => {
  const query = { ...defaultSearchQuery(), q: "voyage", page: 3 };

  it("adds picks to the URL with the rest of the search, back on page 1, and round-trips", () => {
    const one = toPickedQuery(query, { pos: "a" });
    const two = toPickedQuery(one, { neg: "b" });
    const href = buildPickHref(two, { pos: "c" });
    expect(href).toBe("/?q=voyage&pos=a%2Cc&neg=b");
    expect(parseSearchParams(new URLSearchParams(href.slice(2)), { openFacet: true }).openFacet).toEqual({ pos: ["a", "c"], neg: ["b"], mode: "rank", min: 0.5 });
  });

  it("moves a book between the lists, removes it, switches the mode, and clears the facet", () => {
    const picked = toPickedQuery(toPickedQuery(query, { pos: "a" }), { neg: "a" });
    expect(picked.openFacet).toMatchObject({ pos: [], neg: ["a"] });
    expect(toPickedQuery(picked, { remove: "a" }).openFacet).toBeUndefined();
    expect(buildPickHref(toPickedQuery(query, { pos: "a" }), { mode: "filter" })).toBe("/?q=voyage&pos=a&of_mode=filter");
    expect(buildPickHref(toPickedQuery(query, { pos: "a" }), "clear")).toBe("/?q=voyage");
  });

  it("the API parser refuses picks; the page parser names a bad one", () => {
    expect(() => parseSearchParams(new URLSearchParams("pos=a"))).toThrow(/^pos: unknown parameter/);
    expect(() => parseSearchParams(new URLSearchParams("pos=<x>"), { openFacet: true })).toThrow(/^pos: "<x>" is not a record id/);
    expect(() => parseSearchParams(new URLSearchParams("pos=a&of_mode=best"), { openFacet: true })).toThrow(/^of_mode: must be "rank" or "filter"/);
    expect(() => parseSearchParams(new URLSearchParams("pos=a&of_min=2"), { openFacet: true })).toThrow(/^of_min: must be a number between 0 and 1/);
    expect(parseSearchParams(new URLSearchParams("pos=a&of_mode=filter&of_min=0.7"), { openFacet: true }).openFacet).toEqual({ pos: ["a"], neg: [], mode: "filter", min: 0.7 });
  });
});
