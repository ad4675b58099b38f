import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BookRecord } from "@/lib/records/types";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "search-routes-"));
process.env.WORK_DIR = workDir;

function book(id: string, title: string, places: string[], year: number | null, languages: string[] = []): BookRecord {
  return {
    id,
    title,
    name: null,
    allNames: [],
    places,
    countries: [],
    publisher: null,
    dateRaw: year === null ? null : String(year),
    year,
    edition: null,
    physicalDescription: null,
    shelfmark: null,
    shelfmarkClass: null,
    catalogueGenre: null,
    topics: null,
    languages,
    physicalId: null,
    link: null,
    fields: { "BL record ID": id, Title: title },
  };
}

let searchRoute: typeof import("@/app/api/search/route");
let healthRoute: typeof import("@/app/api/health/route");
let facetsRoute: typeof import("@/app/api/facets/[facet]/route");
let server: typeof import("@/lib/search/server");
let storeModule: typeof import("@/lib/store");

beforeAll(async () => {
  storeModule = await import("@/lib/store");
  const store = storeModule.openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords([
    book("r1", "A History of Bath", ["Bath"], 1850, ["English"]),
    book("r2", "Tales of to-day", ["London"], 1871),
    book("r3", "Histoire de Paris", ["Paris"], null),
  ]);
  const v1 = store.putPredictionVersion({ generator: "genre", version: "genre-v1", createdAt: "2026-11-25T00:00:00Z", meta: {} }, [
    { recordId: "r1", value: "Non-fiction", confidence: 0.95 },
    { recordId: "r2", value: "Fiction", confidence: 0.6 },
    { recordId: "r3", value: "Non-fiction", confidence: 0.8 },
  ]);
  store.setCurrentVersion("genre", v1.version);
  store.close();
  searchRoute = await import("@/app/api/search/route");
  healthRoute = await import("@/app/api/health/route");
  facetsRoute = await import("@/app/api/facets/[facet]/route");
  server = await import("@/lib/search/server");
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

const get = (qs: string) => searchRoute.GET(new Request(`http://test/api/search?${qs}`));

describe("GET /api/search", () => {
  it("answers the documented shape", async () => {
    const res = await get("q=history&f.genre=Non-fiction&sort=year_asc");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 1, page: 1, per_page: 20 });
    expect(body.hits[0]).toMatchObject({ id: "r1", title: "A History of Bath", genre: "Non-fiction", genre_confidence: 0.95, genre_model: "genre-v1" });
    expect(body.hits[0].highlight.title).toEqual([
      { text: "A ", match: false },
      { text: "History", match: true },
      { text: " of Bath", match: false },
    ]);
    expect(body.facets.genre).toEqual([{ value: "Non-fiction", count: 1 }]);
    expect(body.facets.language).toEqual([{ value: "English", count: 1 }]);
    expect(body.facet_missing.decade).toBe(0);
    expect(typeof body.took_ms).toBe("number");
  });

  it("answers 400 with a message for bad parameters", async () => {
    for (const [qs, fragment] of [
      ["f.colour=red", "unknown facet"],
      ["page=-2", "whole number"],
      ["per_page=1000", "at most 100"],
      ["year_from=1900&year_to=1800", "after year_to"],
    ] as const) {
      const res = await get(qs);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toContain(fragment);
    }
  });

  it("answers no hits past the end", async () => {
    const body = await (await get("page=5")).json();
    expect(body).toMatchObject({ total: 3, page: 5, hits: [] });
  });

  it("follows a version switch after the revision changes", async () => {
    const store = storeModule.openStore(path.join(workDir, "store.sqlite"));
    const v2 = store.putPredictionVersion({ generator: "genre", version: "genre-v2", createdAt: "2026-11-25T01:00:00Z", meta: {} }, [
      { recordId: "r1", value: "Fiction", confidence: 0.9 },
      { recordId: "r2", value: "Fiction", confidence: 0.9 },
      { recordId: "r3", value: "Fiction", confidence: 0.9 },
    ]);
    store.setCurrentVersion("genre", v2.version);
    store.close();
    await server.refreshSearchIndex();
    const body = await (await get("f.genre=Fiction")).json();
    expect(body.total).toBe(3);
    expect(new Set(body.hits.map((h: { genre_model: string }) => h.genre_model))).toEqual(new Set(["genre-v2"]));
  });
});

describe("GET /api/health", () => {
  it("reports the engine and record count once ready", async () => {
    const res = await healthRoute.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ engine: "embedded", records: 3, state: "ready" });
  });
});

describe("GET /api/facets/[facet]", () => {
  const facet = (name: string, qs: string) => facetsRoute.GET(new Request(`http://test/api/facets/${name}?${qs}`), { params: Promise.resolve({ facet: name }) });

  it("searches one facet's values", async () => {
    const res = await facet("place", "fq=PAR");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ facet: "place", fq: "PAR", values: [{ value: "Paris", count: 1 }] });
  });

  it("rejects an unknown facet and a bad limit", async () => {
    expect((await facet("colour", "fq=x")).status).toBe(400);
    expect((await facet("place", "fq=x&limit=0")).status).toBe(400);
  });
});
