import { describe, expect, it } from "vitest";
import { buildFacetTable, FACETS, FacetTableError, getFacet, getMachineFacets, type FacetDef } from "./table";

const titleLength: FacetDef = {
  name: "title_length", label: "Title length (test)", source: "machine", field: "title_length", display: "list", limit: 3,
  searchable: false, order: "count", generator: "title_length", confidenceField: "title_length_confidence", modelField: "title_length_model",
};

describe("buildFacetTable", () => {
  it("adds a row without touching the exported table", () => {
    const table = buildFacetTable([titleLength]);
    expect(table.map((f) => f.name)).toEqual([...FACETS.map((f) => f.name), "title_length"]);
    expect(getFacet("title_length", table)).toBe(titleLength);
    expect(getFacet("title_length")).toBeUndefined();
    expect(getMachineFacets(table).map((f) => f.generator)).toEqual(["genre", "language", "title_length"]);
  });

  it("refuses clashing names or fields and incomplete machine rows", () => {
    expect(() => buildFacetTable([{ ...titleLength, name: "genre" }])).toThrow(/already exists/);
    expect(() => buildFacetTable([{ ...titleLength, field: "genre" }])).toThrow(/already used/);
    expect(() => buildFacetTable([{ ...titleLength, generator: undefined }])).toThrow(FacetTableError);
    expect(() => buildFacetTable([{ ...titleLength, modelField: undefined }])).toThrow(/modelField/);
    expect(() => buildFacetTable([{ ...titleLength, source: "catalogue-or-machine" }])).toThrow(/sourceField/);
    expect(() => buildFacetTable([{ ...titleLength, name: "Title-Length" }])).toThrow(/lower-case/);
  });

  it("keeps the built-in language row's catalogue field", () => {
    expect(getFacet("language")?.catalogueField).toBe("languages");
  });
});
