import { describe, expect, it } from "vitest";
import { buildFacetTable } from "@/lib/facets/table";
import { EmbeddedSearchEngine } from "@/lib/search/embedded";
import { FIXTURE_DOCS } from "@/lib/search/fixtures/docs";
import { parseSearchParams, SearchParamsError } from "@/lib/search/params";

describe("a third machine facet", () => {
  // One table row and the documents' fields: no engine or URL code changes.
  const table = buildFacetTable([
    {
      name: "title_length",
      label: "Title length (test)",
      source: "machine",
      field: "title_length",
      display: "list",
      limit: 3,
      searchable: false,
      order: "count",
      generator: "title-length",
      confidenceField: "title_length_confidence",
      modelField: "title_length_model",
    },
  ]);
  const docs = FIXTURE_DOCS.map((d) => ({
    ...d,
    title_length: d.title.length > 20 ? "long" : "short",
    title_length_confidence: d.title.length > 25 ? 0.95 : 0.6,
    title_length_model: "tl-1",
  }));

  it("is counted, filtered and thresholded like genre", async () => {
    const engine = await EmbeddedSearchEngine.create(docs, { facets: table });
    const q = (qs: string) => parseSearchParams(new URLSearchParams(qs), { facets: table });
    const long = docs.filter((d) => d.title.length > 20).length;
    const all = await engine.search(q(""));
    expect(all.facets.title_length?.values).toEqual([
      { value: long >= 24 - long ? "long" : "short", count: Math.max(long, 24 - long) },
      { value: long >= 24 - long ? "short" : "long", count: Math.min(long, 24 - long) },
    ]);
    expect((await engine.search(q("f.title_length=long"))).total).toBe(long);
    const sure = docs.filter((d) => d.title.length > 25).length;
    expect((await engine.search(q("f.title_length=long&min_confidence=0.9"))).total).toBe(sure);
    expect(() => parseSearchParams(new URLSearchParams("f.title_length=long"))).toThrow(SearchParamsError);
  });
});

describe("relevance", () => {
  it("ranks an exact word above prefix and typo matches, and a title match above a names match", async () => {
    const base = FIXTURE_DOCS[0]!;
    const mk = (id: string, title: string, names: string[] = []) => ({ ...base, id, title, names });
    const engine = await EmbeddedSearchEngine.create([
      mk("a", "Historyczne opisanie"),
      mk("b", "Histery and other tales"),
      mk("c", "A history of Kent"),
      mk("d", "Poems", ["History, Jane"]),
    ]);
    const r = await engine.search(parseSearchParams(new URLSearchParams("q=history")));
    expect(r.hits.map((h) => h.doc.id)).toEqual(["c", "d", "a", "b"]);
  });

  it("pages by score exactly like one sorted list", async () => {
    const base = FIXTURE_DOCS[0]!;
    const words = ["rome", "roman", "romance", "romantic", "rome and", "the rome"];
    const docs = Array.from({ length: 60 }, (_, i) => ({ ...base, id: `r${i}`, title: `${words[i % words.length]} ${i % 7 === 0 ? "rome rome" : ""} ${i}` }));
    const engine = await EmbeddedSearchEngine.create(docs);
    const all = (await engine.search(parseSearchParams(new URLSearchParams("q=rom&per_page=100")))).hits.map((h) => h.doc.id);
    const paged: string[] = [];
    for (let p = 1; p <= 7; p++) {
      const r = await engine.search(parseSearchParams(new URLSearchParams(`q=rom&per_page=9&page=${p}`)));
      paged.push(...r.hits.map((h) => h.doc.id));
    }
    expect(all).toHaveLength(60);
    expect(paged).toEqual(all);
  });
});
