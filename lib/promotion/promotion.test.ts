import { describe, expect, it } from "vitest";
import { parseSearchParams } from "@/lib/search/params";
import { buildLiveFacetTable, buildModelCard, parsePromotionInput, PromotionError, toModelCardMarkdown, toPromotedFacetDef } from "./promotion";

const input = { slug: "travel", label: "Travel", pos: ["1", "2", "2"], neg: ["3", "1"], threshold: 0.6 };

describe("parsePromotionInput", () => {
  it("dedupes the picks and drops a negative that is also a positive", () => {
    expect(parsePromotionInput(input, [])).toEqual({ slug: "travel", label: "Travel", pos: ["1", "2"], neg: ["3"], threshold: 0.6 });
  });

  it("names the field at fault", () => {
    const bad = (over: Record<string, unknown>, active: Array<{ slug: string }> = []) => () => parsePromotionInput({ ...input, ...over }, active);
    expect(bad({ slug: "Travel" })).toThrow(/^slug: must be 2-30 lower-case/);
    expect(bad({ slug: "genre" })).toThrow(/^slug: "genre" is a built-in facet/);
    expect(bad({}, [{ slug: "travel" }])).toThrow(/^slug: "travel" is already a public facet/);
    expect(bad({ label: " x " })).toThrow(/^label: must be at least 2/);
    expect(bad({ pos: [] })).toThrow(/^pos: needs at least one "more like this"/);
    expect(bad({ neg: ["<script>"] })).toThrow(/^neg: is not a record id/);
    expect(bad({ threshold: 1 })).toThrow(/^threshold: must be below 1/);
    expect(bad({ threshold: Number.NaN })).toThrow(PromotionError);
  });
});

describe("a promoted facet in the facet table", () => {
  it("is a machine facet with its own generator and fields, and the URL parser accepts f.<slug>", () => {
    const def = toPromotedFacetDef(input);
    expect(def).toMatchObject({ name: "travel", source: "machine", generator: "open_travel", field: "open_travel", confidenceField: "open_travel_confidence", modelField: "open_travel_model", cardHref: "/about/model/open/travel" });
    expect(def.valueLabels).toEqual({ yes: "Travel", no: "Not travel" });
    const table = buildLiveFacetTable([input]);
    expect(table.at(-1)?.name).toBe("travel");
    expect(parseSearchParams(new URLSearchParams("f.travel=yes"), { facets: table }).filters).toEqual({ travel: ["yes"] });
    expect(() => parseSearchParams(new URLSearchParams("f.travel=yes"))).toThrow(/travel/);
  });

  it("refuses two promoted facets with the same slug", () => {
    expect(() => buildLiveFacetTable([input, { ...input, label: "Other" }])).toThrow(/already exists/);
  });
});

describe("model card stub", () => {
  it("records intended use, picks with titles, who promoted it and when, vector version, threshold and limitations", () => {
    const request = parsePromotionInput(input, []);
    const card = buildModelCard(request, { version: 2, vectorVersion: "abc123", vectors: { dims: 256 }, promotedBy: "ann@bl.uk", promotedAt: "2026-11-25T20:00:00.000Z", titleOf: (id) => (id === "1" ? "A Tour in Wales" : null) });
    expect(card).toMatchObject({ facet: "travel", version: 2, modelVersion: "travel-v2+vec-abc123", threshold: 0.6, vectorVersion: "abc123", promotedBy: "ann@bl.uk" });
    expect(card.trainedFrom.pos).toEqual([{ id: "1", title: "A Tour in Wales" }, { id: "2", title: null }]);
    expect(card.limitations.length).toBeGreaterThan(0);
    const md = toModelCardMarkdown(card);
    expect(md).toContain("## Intended use");
    expect(md).toContain("- 1: A Tour in Wales");
    expect(md).toContain("- 2: (not in the store)");
    expect(md).toContain("Promoted by ann@bl.uk on 2026-11-25T20:00:00.000Z");
    expect(md).toContain("## Limitations");
  });
});
