import { describe, expect, it } from "vitest";
import { splitPageParams } from "./search-href";

describe("splitPageParams", () => {
  it("survives keys that collide with Object.prototype (found by the page fuzz suite)", () => {
    // What Next hands the page for `?constructor=x&toString=y`: the inherited member, then the value.
    const params = { constructor: [Object, "x"], toString: [Object.prototype.toString, "y"] } as unknown as Record<string, string | string[] | undefined>;
    expect(splitPageParams(params).searchParams).toEqual({ constructor: ["x"], toString: ["y"] });
  });
});
