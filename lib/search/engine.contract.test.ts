import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "@/lib/search/embedded";
import { FIXTURE_DOCS } from "@/lib/search/fixtures/docs";
import { defaultSearchQuery, parseSearchParams } from "@/lib/search/params";
import type { FacetResult, SearchDoc, SearchEngine, SearchQuery, SearchResult } from "@/lib/search/types";

/**
 * One suite, every engine: the embedded engine always, Meilisearch when MEILI_URL is set.
 * Expected numbers are computed by hand from the table in fixtures/docs.ts.
 */
interface EngineCase {
  name: string;
  create: (docs: readonly SearchDoc[]) => Promise<SearchEngine & { dispose?: () => Promise<void> }>;
}

const cases: EngineCase[] = [{ name: "embedded", create: (docs) => EmbeddedSearchEngine.create(docs) }];

const meiliUrl = process.env.MEILI_URL;
if (meiliUrl) {
  cases.push({
    name: "meilisearch",
    create: async (docs) => {
      const { createContractMeiliEngine } = await import("@/lib/search/meilisearch/testing");
      return createContractMeiliEngine(meiliUrl, process.env.MEILI_API_KEY, docs);
    },
  });
} else {
  console.warn(
    "\n*** NOTICE: MEILI_URL is not set: the engine contract suite runs against the embedded engine only; " +
      "the Meilisearch adapter is NOT exercised against a server. Set MEILI_URL (and MEILI_API_KEY) to run it. ***\n",
  );
}

const q = (qs: string): SearchQuery => parseSearchParams(new URLSearchParams(qs));
const ids = (r: SearchResult) => r.hits.map((h) => h.doc.id);
const sortedIds = (r: SearchResult) => ids(r).sort();
const counts = (f: FacetResult | undefined) => Object.fromEntries((f?.values ?? []).map((v) => [v.value, v.count]));

describe.each(cases)("SearchEngine contract: $name", ({ create }) => {
  let engine: SearchEngine & { dispose?: () => Promise<void> };

  beforeAll(async () => {
    engine = await create(FIXTURE_DOCS);
  });
  afterAll(async () => {
    await engine.dispose?.();
  });

  describe("totals and facet counts without filters", () => {
    it("counts every document and every facet", async () => {
      expect(await engine.count()).toBe(24);
      const r = await engine.search(q("per_page=100"));
      expect(r.total).toBe(24);
      expect(r.hits).toHaveLength(24);
      expect(counts(r.facets.genre)).toEqual({ "Non-fiction": 13, Fiction: 10 });
      expect(r.facets.genre?.missing).toBe(1);
      expect(counts(r.facets.language)).toEqual({ English: 13, French: 4, German: 3, Dutch: 1, Norwegian: 1, Swedish: 1 });
      expect(r.facets.language?.missing).toBe(2);
      expect(counts(r.facets.country)).toEqual({
        England: 9,
        France: 5,
        Scotland: 3,
        Germany: 2,
        Belgium: 1,
        Netherlands: 1,
        "United States": 1,
      });
      expect(r.facets.country?.missing).toBe(4);
      expect(counts(r.facets.language_source)).toEqual({ predicted: 13, catalogue: 9 });
      expect(r.facets.publisher?.missing).toBe(9);
      expect(r.facets.publisher?.distinct).toBe(9);
      expect(r.facets.place?.distinct).toBe(13);
      expect(r.facets.place?.missing).toBe(1);
    });

    it("orders count facets by count then value, and the decade histogram by value", async () => {
      const r = await engine.search(q(""));
      expect(r.facets.place?.values.slice(0, 3)).toEqual([
        { value: "London", count: 8 },
        { value: "Paris", count: 5 },
        { value: "Edinburgh", count: 2 },
      ]);
      expect(r.facets.decade?.values).toEqual([
        { value: "1790s", count: 1 },
        { value: "1810s", count: 1 },
        { value: "1820s", count: 2 },
        { value: "1830s", count: 3 },
        { value: "1840s", count: 3 },
        { value: "1850s", count: 4 },
        { value: "1860s", count: 3 },
        { value: "1870s", count: 2 },
        { value: "1880s", count: 2 },
        { value: "1890s", count: 2 },
      ]);
      expect(r.facets.decade?.missing).toBe(1);
    });

    it("cuts count facets to facet_limit but reports the distinct number", async () => {
      const r = await engine.search(q("facet_limit=2"));
      expect(r.facets.place?.values).toEqual([
        { value: "London", count: 8 },
        { value: "Paris", count: 5 },
      ]);
      expect(r.facets.place?.distinct).toBe(13);
    });
  });

  describe("disjunctive facets", () => {
    it("ORs values within a facet and ANDs across facets; each facet's counts ignore its own selection", async () => {
      const r = await engine.search(q("f.place=London&f.place=Paris&f.genre=Fiction&per_page=100"));
      expect(r.total).toBe(5);
      expect(sortedIds(r)).toEqual(["d08", "d11", "d20", "d23", "d24"]);
      expect(counts(r.facets.genre)).toEqual({ "Non-fiction": 7, Fiction: 5 });
      expect(r.facets.genre?.missing).toBe(0);
      expect(counts(r.facets.place)).toEqual({ London: 3, Paris: 2, Edinburgh: 2, Leipzig: 1, Berlin: 1, Bruxelles: 1, Glasgow: 1 });
      expect(counts(r.facets.language)).toEqual({ English: 3, French: 2 });
      expect(counts(r.facets.decade)).toEqual({ "1840s": 1, "1850s": 1, "1860s": 1, "1870s": 1, "1880s": 1 });
    });

    it("matches nothing for a value no document has", async () => {
      const r = await engine.search(q("f.place=Atlantis"));
      expect(r.total).toBe(0);
      expect(counts(r.facets.place).London).toBe(8);
    });

    it("combines text, a filter and its disjunctive counts", async () => {
      const r = await engine.search(q("q=history&f.place=London"));
      expect(sortedIds(r)).toEqual(["d01", "d02"]);
      expect(counts(r.facets.place)).toEqual({ London: 2, Douglas: 1 });
    });

    it("filters on catalogued language only", async () => {
      const r = await engine.search(q("f.language_source=catalogue&per_page=100"));
      expect(r.total).toBe(9);
      expect(sortedIds(r)).toEqual(["d01", "d04", "d06", "d09", "d12", "d13", "d17", "d20", "d22"]);
    });
  });

  describe("year range", () => {
    it("keeps both ends and excludes unknown years", async () => {
      expect(sortedIds(await engine.search(q("year_from=1840&year_to=1860")))).toEqual(["d03", "d09", "d12", "d18", "d19", "d20", "d24"]);
      expect((await engine.search(q("year_from=1880"))).total).toBe(4);
      expect(ids(await engine.search(q("year_to=1800")))).toEqual(["d07"]);
    });
  });

  describe("sorting", () => {
    it("sorts by year both ways, unknown years last", async () => {
      expect(ids(await engine.search(q("year_to=1830&sort=year_asc")))).toEqual(["d07", "d13", "d01", "d15"]);
      expect(ids(await engine.search(q("year_from=1880&sort=year_desc")))).toEqual(["d21", "d17", "d22", "d11"]);
      const all = await engine.search(q("sort=year_asc&per_page=100"));
      expect(all.hits.at(-1)?.doc.id).toBe("d16");
      expect(ids(await engine.search(q("sort=year_desc&per_page=100"))).at(-1)).toBe("d16");
    });

    it("sorts by title and by genre confidence", async () => {
      expect(ids(await engine.search(q("f.country=Scotland&sort=title")))).toEqual(["d06", "d15", "d13"]);
      expect(ids(await engine.search(q("f.country=France&sort=genre_confidence")))).toEqual(["d10", "d24", "d09", "d05", "d11"]);
    });
  });

  describe("pagination", () => {
    it("keeps the exact total and answers no hits past the end", async () => {
      const p5 = await engine.search(q("per_page=5&page=5&sort=title"));
      expect(p5.total).toBe(24);
      expect(p5.hits).toHaveLength(4);
      const p6 = await engine.search(q("per_page=5&page=6&sort=title"));
      expect(p6.total).toBe(24);
      expect(p6.hits).toEqual([]);
    });

    it("pages through the same order as one big page", async () => {
      const whole = ids(await engine.search(q("sort=year_desc&per_page=100")));
      const paged: string[] = [];
      for (let page = 1; page <= 3; page++) paged.push(...ids(await engine.search(q(`sort=year_desc&per_page=10&page=${page}`))));
      expect(paged).toEqual(whole);
    });
  });

  describe("full text", () => {
    it("tolerates typos", async () => {
      expect(sortedIds(await engine.search(q("q=hystory")))).toEqual(["d01", "d02", "d07"]);
      expect(ids(await engine.search(q("q=geolgy")))).toEqual(["d14"]);
    });

    it("folds accents and the long s", async () => {
      expect(sortedIds(await engine.search(q("q=Erzahlung")))).toEqual(["d03", "d04"]);
      expect(ids(await engine.search(q("q=revolution")))).toEqual(["d10"]);
      expect(ids(await engine.search(q("q=isle")))).toEqual(["d07"]);
      expect(ids(await engine.search(q("q=%C5%BFketches")))).toEqual(["d05"]);
    });

    it("finds hyphenated words joined and written apart", async () => {
      expect(sortedIds(await engine.search(q("q=to-day")))).toEqual(["d05", "d06"]);
      expect(sortedIds(await engine.search(q("q=today")))).toEqual(["d05", "d06"]);
    });

    it("requires every word, the last as a prefix, and searches names and places", async () => {
      expect(ids(await engine.search(q("q=history+rome")))).toEqual(["d01"]);
      expect(ids(await engine.search(q("q=curiosity+sh")))).toEqual(["d20"]);
      expect(sortedIds(await engine.search(q("q=scott")))).toEqual(["d13", "d15"]);
      expect(sortedIds(await engine.search(q("q=bath")))).toEqual(["d16", "d21"]);
      expect(sortedIds(await engine.search(q("q=hachette")))).toEqual(["d09", "d10"]);
    });

    it("highlights matched words without HTML", async () => {
      const r = await engine.search(q("q=hystory&f.place=London&sort=year_asc"));
      expect(r.hits[0]?.doc.id).toBe("d01");
      expect(r.hits[0]?.highlight.title).toEqual([
        { text: "The ", match: false },
        { text: "History", match: true },
        { text: " of Rome", match: false },
      ]);
      const scott = await engine.search(q("q=scott&sort=year_asc"));
      expect(scott.hits[0]?.highlight.names?.some((p) => p.match && p.text.includes("Scott"))).toBe(true);
      const today = await engine.search(q("q=to-day&sort=year_asc"));
      expect(today.hits[0]?.highlight.title?.[0]).toEqual({ text: "To-day", match: true });
    });
  });

  describe("min_confidence and uncertain", () => {
    it("hides nothing and moves low-confidence predictions to 'uncertain' in the counts", async () => {
      const r = await engine.search(q("min_confidence=0.9"));
      expect(r.total).toBe(24);
      expect(counts(r.facets.genre)).toEqual({ uncertain: 12, Fiction: 6, "Non-fiction": 5 });
      expect(r.facets.genre?.missing).toBe(1);
      // Catalogued languages are never uncertain.
      expect(counts(r.facets.language)).toEqual({ English: 10, uncertain: 5, French: 3, German: 2, Dutch: 1, Norwegian: 1, Swedish: 1 });
    });

    it("filters a machine facet by value only at or above the threshold", async () => {
      const r = await engine.search(q("f.genre=Fiction&min_confidence=0.9&per_page=100"));
      expect(sortedIds(r)).toEqual(["d03", "d06", "d08", "d13", "d20", "d24"]);
      expect(counts(r.facets.language)).toEqual({ English: 4, German: 1, French: 1 });
      expect(counts(r.facets.genre)).toEqual({ uncertain: 12, Fiction: 6, "Non-fiction": 5 });
      const lang = await engine.search(q("f.language=English&min_confidence=0.9"));
      expect(lang.total).toBe(10);
    });

    it("filters on 'uncertain' itself, alone or ORed with a value", async () => {
      expect((await engine.search(q("f.genre=uncertain&min_confidence=0.9"))).total).toBe(12);
      expect((await engine.search(q("f.genre=uncertain&f.genre=Fiction&min_confidence=0.9"))).total).toBe(18);
      expect(sortedIds(await engine.search(q("f.language=uncertain&min_confidence=0.9")))).toEqual(["d07", "d11", "d16", "d18", "d23"]);
      expect((await engine.search(q("f.genre=uncertain"))).total).toBe(0);
    });

    it("drops counts as the threshold rises", async () => {
      const low = await engine.search(q("f.genre=Fiction&min_confidence=0.7"));
      const high = await engine.search(q("f.genre=Fiction&min_confidence=0.99"));
      expect(low.total).toBe(7);
      expect(sortedIds(high)).toEqual(["d06", "d20"]);
    });
  });

  describe("facet value search", () => {
    it("finds values by folded substring under the other filters, prefixes first", async () => {
      expect(await engine.searchFacetValues(q(""), "publisher", "hach", 10)).toEqual([{ value: "Hachette", count: 2 }]);
      expect(await engine.searchFacetValues(q(""), "publisher", "levy", 10)).toEqual([{ value: "Lévy", count: 1 }]);
      expect(await engine.searchFacetValues(q("f.genre=Fiction"), "publisher", "b", 10)).toEqual([
        { value: "Bentley", count: 2 },
        { value: "Blackwood", count: 2 },
        { value: "Brockhaus", count: 1 },
      ]);
      // A word starting with the text ranks before a match inside a word.
      expect(await engine.searchFacetValues(q("f.genre=Fiction"), "publisher", "h", 10)).toEqual([
        { value: "Chapman & Hall", count: 1 },
        { value: "Brockhaus", count: 1 },
      ]);
      // Its own selection is ignored, like the facet's counts.
      expect(await engine.searchFacetValues(q("f.place=Paris"), "place", "lon", 10)).toEqual([{ value: "London", count: 8 }]);
    });
  });

  describe("documents and export scan", () => {
    it("gets a document by id", async () => {
      expect((await engine.getDoc("d24"))?.names).toEqual(["Poe, Edgar Allan", "Baudelaire, Charles"]);
      expect(await engine.getDoc("nope")).toBeNull();
    });

    it("scans every match in sort order, ignoring paging, up to the cap", async () => {
      const scanned: string[] = [];
      for await (const d of engine.scan(q("f.country=England&sort=year_asc&page=3&per_page=1"), 100)) scanned.push(d.id);
      expect(scanned).toEqual(["d01", "d14", "d02", "d20", "d05", "d23", "d08", "d22", "d16"]);
      const capped: string[] = [];
      for await (const d of engine.scan(q("sort=title"), 5)) capped.push(d.id);
      expect(capped).toHaveLength(5);
      expect(capped).toEqual(ids(await engine.search(q("sort=title&per_page=5"))));
    });
  });

  describe("atomic replaceAll", () => {
    const versionB = FIXTURE_DOCS.map((d) => ({
      ...d,
      genre: d.genre === "Fiction" ? "Non-fiction" : d.genre === null ? null : "Fiction",
      genre_model: d.genre_model === null ? null : "genre-test-2",
    }));

    async function* slowly(docs: readonly SearchDoc[]): AsyncIterable<SearchDoc> {
      for (const d of docs) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield d;
      }
    }

    it("serves the old or the new version during a switch, never a mix, and the new one after", async () => {
      const local = await create(FIXTURE_DOCS);
      try {
        const before = await local.search(q("f.genre=Fiction"));
        expect(before.total).toBe(10);

        const scanBefore = local.scan(q("sort=title"), 100)[Symbol.asyncIterator]();
        const firstScanned = await scanBefore.next();

        const models = new Set<string>();
        let switching = true;
        const switchDone = local.replaceAll(slowly(versionB)).finally(() => (switching = false));
        while (switching) {
          const r = await local.search(q("per_page=100"));
          const seen = new Set(r.hits.map((h) => h.doc.genre_model).filter((m) => m !== null));
          expect(seen.size).toBe(1);
          const fictionCount = counts(r.facets.genre).Fiction;
          const model = [...seen][0] as string;
          expect(fictionCount).toBe(model === "genre-test-1" ? 10 : 13);
          models.add(model);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        await switchDone;
        expect(models.has("genre-test-1")).toBe(true);

        const after = await local.search(q("f.genre=Fiction&per_page=100"));
        expect(after.total).toBe(13);
        expect(new Set(after.hits.map((h) => h.doc.genre_model))).toEqual(new Set(["genre-test-2"]));

        // A scan started before the switch finishes on the version it started with.
        const rest: SearchDoc[] = [];
        for (let n = await scanBefore.next(); !n.done; n = await scanBefore.next()) rest.push(n.value);
        const scannedModels = new Set([firstScanned.value, ...rest].map((d: SearchDoc) => d.genre_model).filter((m) => m !== null));
        expect(scannedModels).toEqual(new Set(["genre-test-1"]));
      } finally {
        await local.dispose?.();
      }
    });
  });

  it("rejects an unknown facet in a hand-built query", async () => {
    await expect(engine.search({ ...defaultSearchQuery(), filters: { colour: ["red"] } })).rejects.toThrow(/unknown facet/);
  });
});
