import { describe, expect, it } from "vitest";
import { parseNamedOpenFacets, parseOpenFacetPicks, toNamedOpenFacetParam, toPickParams } from "./params";

describe("open-facet picks in the URL", () => {
  it("reads repeated and comma-separated ids, dedupes, and a positive wins over a negative", () => {
    const picks = parseOpenFacetPicks({ pos: ["1,2", "2"], neg: "3,1" });
    expect(picks).toEqual({ pos: ["1", "2"], neg: ["3"] });
    expect(toPickParams(picks).toString()).toBe("pos=1%2C2&neg=3");
    expect(parseOpenFacetPicks(Object.fromEntries(toPickParams(picks)))).toEqual(picks);
  });

  it("names the parameter of a bad id", () => {
    expect(() => parseOpenFacetPicks({ neg: "<script>" })).toThrow(/^neg: "<script>" is not a record id/);
  });
});

describe("saved open facets (of=)", () => {
  it("round-trips a named facet with positive and negative picks", () => {
    const [facet] = parseNamedOpenFacets("travel:1,2,-3");
    expect(facet).toEqual({ name: "travel", pos: ["1", "2"], neg: ["3"] });
    expect(toNamedOpenFacetParam(facet!)).toBe("travel:1,2,-3");
  });

  it("names what is wrong", () => {
    expect(() => parseNamedOpenFacets("Travel:1")).toThrow(/^of: name "Travel" must be/);
    expect(() => parseNamedOpenFacets("x:-1")).toThrow(/facet "x" has no "more like this" pick/);
    expect(() => parseNamedOpenFacets(["a:1", "a:2"])).toThrow(/appears twice/);
    expect(() => parseNamedOpenFacets("nocolon")).toThrow(/is not <name>:<ids>/);
  });
});
