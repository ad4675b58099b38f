import http from "node:http";
import type { AddressInfo } from "node:net";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_DOCS } from "@/lib/search/fixtures/docs";
import { toMeiliDoc } from "@/lib/search/meilisearch/documents";
import { MeilisearchSearchEngine } from "@/lib/search/meilisearch/engine";
import { buildFilter } from "@/lib/search/meilisearch/filter";
import { parseSearchParams } from "@/lib/search/params";
import { MeiliPeer } from "@/lib/testing/meili-peer";

const q = (qs: string) => parseSearchParams(new URLSearchParams(qs));

describe("MeilisearchSearchEngine rebuild (against a local peer speaking Meilisearch's API)", () => {
  const peer = new MeiliPeer();
  beforeAll(() => peer.start());
  afterAll(() => peer.stop());

  it("builds into <index>__next with settings, then swaps, and serves the documents without hidden fields", async () => {
    const engine = new MeilisearchSearchEngine(new Meilisearch({ host: peer.url }), "books");
    await engine.replaceAll(FIXTURE_DOCS);
    expect(await engine.count()).toBe(24);
    expect(await engine.getDoc("d24")).toEqual(FIXTURE_DOCS.find((d) => d.id === "d24"));
    expect(await engine.getDoc("nope")).toBeNull();
    const steps = peer.requests.filter((r) => !r.startsWith("GET /tasks"));
    const order = ["POST /indexes", "PATCH /indexes/*/settings", "POST /indexes/*/documents", "POST /swap-indexes"].map((s) => steps.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // A second rebuild first drops the spare index left by the first swap.
    peer.requests.length = 0;
    await engine.replaceAll(FIXTURE_DOCS.slice(0, 3));
    expect(peer.requests).toContain("DELETE /indexes/*");
    expect(await engine.count()).toBe(3);
  });
});

describe("MeilisearchSearchEngine search: disjunctive facets through one multi-search", () => {
  let bodies: Array<{ queries: Array<Record<string, unknown>> }> = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    bodies.push(body);
    const results = (body.queries as Array<Record<string, unknown>>).map((query, i) => {
      const facets = (query.facets as string[] | undefined) ?? [];
      const filter = String(query.filter ?? "");
      const facetDistribution: Record<string, Record<string, number>> = {};
      for (const f of facets) facetDistribution[f] = f === "places" ? { Paris: 2, London: 3, Edinburgh: 2 } : f === "genre" ? { Fiction: 6, "Non-fiction": 5 } : { x: 1 };
      const totalHits = i === 0 ? 5 : filter.includes("conf_genre < 0.9") ? 12 : filter.includes("NOT EXISTS") ? 1 : 0;
      const hits = i === 0 ? [{ ...toMeiliDoc(FIXTURE_DOCS[7]!), _formatted: { title: "The \uE000Prisoner\uE001: a novel" } }] : [];
      return { indexUid: query.indexUid, hits, query: query.q, processingTimeMs: 0, hitsPerPage: query.hitsPerPage, page: 1, totalPages: 1, totalHits, facetDistribution };
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ results }));
  });
  let engine: MeilisearchSearchEngine;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    engine = new MeilisearchSearchEngine(new Meilisearch({ host: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }), "books");
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the main query, one query per selected facet without its own filter, and count-only queries", async () => {
    bodies = [];
    const query = q("q=Prisoner&f.place=London&f.place=Paris&f.genre=Fiction&min_confidence=0.9&sort=year_asc&page=2&per_page=5");
    const result = await engine.search(query);
    expect(bodies).toHaveLength(1);
    const queries = bodies[0]!.queries;
    const main = queries[0]!;
    expect(main).toMatchObject({ indexUid: "books", q: "prisoner", filter: buildFilter(query), page: 2, hitsPerPage: 5, sort: ["year:asc", "title_sort:asc"] });
    expect(main.facets).toEqual(["decade", "language_source", "countries", "publisher"]);
    const placeDist = queries.find((x) => (x.facets as string[] | undefined)?.[0] === "places")!;
    expect(placeDist.filter).toBe(buildFilter(query, { exclude: "place" }));
    expect(String(placeDist.filter)).not.toContain("places =");
    const genreDist = queries.find((x) => (x.facets as string[] | undefined)?.[0] === "genre")!;
    expect(String(genreDist.filter)).toBe(`${buildFilter(query, { exclude: "genre" })} AND conf_genre >= 0.9`);
    expect(queries.filter((x) => String(x.filter).includes("NOT EXISTS"))).toHaveLength(7);
    expect(queries.filter((x) => x.hitsPerPage === 0 && !x.facets)).toHaveLength(7 + 2);

    expect(result.total).toBe(5);
    expect(result.facets.place?.values).toEqual([
      { value: "London", count: 3 },
      { value: "Edinburgh", count: 2 },
      { value: "Paris", count: 2 },
    ]);
    expect(result.facets.genre?.values).toEqual([
      { value: "uncertain", count: 12 },
      { value: "Fiction", count: 6 },
      { value: "Non-fiction", count: 5 },
    ]);
    expect(result.facets.genre?.missing).toBe(1);
    expect(result.hits[0]?.doc).toEqual(FIXTURE_DOCS[7]);
    expect(result.hits[0]?.highlight.title).toEqual([
      { text: "The ", match: false },
      { text: "Prisoner", match: true },
      { text: ": a novel", match: false },
    ]);
  });
});
