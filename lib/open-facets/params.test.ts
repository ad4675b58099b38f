import { describe, expect, it } from "vitest";
import { parseOpenFacetPicks, toPickParams } from "./params";

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
