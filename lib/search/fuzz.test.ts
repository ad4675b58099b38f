import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FACET_NAMES } from "@/lib/facets/table";
import { buildSearchArbitraries, INJECTIONS, type Entry } from "@/lib/search/fuzz/arbitraries";
import { FUZZ_GENRE, FUZZ_LANGUAGE, FUZZ_RECORDS } from "@/lib/search/fuzz/fixture";
import { buildOracle, facetCounts, matchesAll, queryTerms, type OracleRecord } from "@/lib/search/fuzz/oracle";
import { parseSearchParams } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";

/**
 * Generated parameter sets through the very handler /api/search uses (its exported GET), over the
 * embedded engine and a store built from a hand-written fixture. Every answer must be 2xx, or 4xx
 * with a JSON message; every 200 is checked against an oracle computed from the fixture with plain
 * loops. FUZZ_RUNS and FUZZ_SEED override the run count and seed (a failure prints its seed).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const FACET_ROUTE_RUNS = Math.max(100, Math.round(RUNS / 5));
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "search-fuzz-"));
process.env.WORK_DIR = workDir;
process.env.MEILI_URL = "";

let searchRoute: typeof import("@/app/api/search/route");
let facetsRoute: typeof import("@/app/api/facets/[facet]/route");
const oracle: OracleRecord[] = buildOracle(FUZZ_RECORDS, FUZZ_GENRE, FUZZ_LANGUAGE);

beforeAll(async () => {
  const { openStore } = await import("@/lib/store");
  const store = openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords(FUZZ_RECORDS);
  const toRows = (rows: ReadonlyArray<[string, string, number]>) => rows.map(([recordId, value, confidence]) => ({ recordId, value, confidence }));
  const genre = store.putPredictionVersion({ generator: "genre", version: "genre-fuzz-1", createdAt: "2026-11-25T00:00:00Z", meta: {} }, toRows(FUZZ_GENRE));
  const language = store.putPredictionVersion({ generator: "language", version: "language-fuzz-1", createdAt: "2026-11-25T00:00:00Z", meta: {} }, toRows(FUZZ_LANGUAGE));
  store.setCurrentVersion("genre", genre.version);
  store.setCurrentVersion("language", language.version);
  store.close();
  searchRoute = await import("@/app/api/search/route");
  facetsRoute = await import("@/app/api/facets/[facet]/route");
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

// ---- generators -------------------------------------------------------------------------------

const realValues: Record<string, string[]> = {};
for (const name of FACET_NAMES) {
  const set = new Set<string>(["uncertain"]);
  for (const rec of oracle) for (const v of rec.facets[name]?.values ?? []) set.add(v);
  realValues[name] = [...set];
}
const titleWords = [...new Set(FUZZ_RECORDS.flatMap((r) => r.title.split(/\s+/)).filter((w) => w.length > 0))];
const { allReal, facetKey, validEntriesArb, hostileEntriesArb, entriesArb, facetTextArb, numberish } = buildSearchArbitraries({ realValues, titleWords });

const KNOWN_PARAMS = new Set(["q", "page", "per_page", "sort", "year_from", "year_to", "min_confidence", "facet_limit", "fq", "limit", "facet"]);

// ---- checks -----------------------------------------------------------------------------------

interface Stats {
  runs: number;
  statuses: Map<number, number>;
  oracleChecks: number;
  withHits: number;
  withText: number;
  withFilters: number;
  injectionValues: number;
  errorsByParam: Map<string, number>;
}

function newStats(): Stats {
  return { runs: 0, statuses: new Map(), oracleChecks: 0, withHits: 0, withText: 0, withFilters: 0, injectionValues: 0, errorsByParam: new Map() };
}

/** Lets vitest's worker talk to its parent now and then (a long run of microtasks starves it). */
async function breathe(stats: Stats) {
  if (stats.runs % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
}

function count<K>(map: Map<K, number>, key: K) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

async function expectClientError(res: Response, stats: Stats, what: string) {
  expect(res.status, what).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get("content-type"), what).toMatch(/application\/json/);
  const body = (await res.json()) as { error?: unknown; param?: unknown };
  expect(typeof body.error, what).toBe("string");
  expect((body.error as string).length, what).toBeGreaterThan(0);
  const param = typeof body.param === "string" ? body.param : "(none)";
  count(stats.errorsByParam, param.startsWith("f.") ? "f.<facet>" : KNOWN_PARAMS.has(param) ? param : "(unknown key)");
}

interface ApiBody {
  total: number;
  page: number;
  per_page: number;
  hits: Array<{ id: string; year: number | null }>;
  facets: Record<string, Array<{ value: string; count: number }>>;
  facet_missing: Record<string, number>;
}

function checkAgainstOracle(query: SearchQuery, body: ApiBody, stats: Stats, what: string) {
  const expected = oracle.filter((rec) => matchesAll(rec, query));
  const expectedIds = new Set(expected.map((r) => r.id));
  expect(body.page, what).toBe(query.page);
  expect(body.per_page, what).toBe(query.perPage);
  // Every hit satisfies the filters, the year range, min_confidence and (if any) the text.
  for (const hit of body.hits) {
    expect(expectedIds.has(hit.id), `${what}: hit ${hit.id} does not satisfy the query`).toBe(true);
    stats.oracleChecks++;
  }
  expect(new Set(body.hits.map((h) => h.id)).size, `${what}: duplicate hits`).toBe(body.hits.length);
  // Without searchable words the oracle is exact; with them it is an upper bound (typo rules may be stricter).
  const exact = queryTerms(query.q).length === 0;
  if (exact) expect(body.total, `${what}: total`).toBe(expected.length);
  else expect(body.total, `${what}: total`).toBeLessThanOrEqual(expected.length);
  const start = (query.page - 1) * query.perPage;
  expect(body.hits.length, `${what}: page size`).toBe(Math.max(0, Math.min(query.perPage, body.total - start)));
  stats.oracleChecks += 2;
  if (query.sort === "year_asc" || query.sort === "year_desc") {
    const dir = query.sort === "year_asc" ? 1 : -1;
    const years = body.hits.map((h) => h.year);
    for (let i = 1; i < years.length; i++) {
      const a = years[i - 1] ?? null;
      const b = years[i] ?? null;
      if (a === null) expect(b, `${what}: unknown years last`).toBeNull();
      else if (b !== null) expect(dir * (b - a), `${what}: year order`).toBeGreaterThanOrEqual(0);
    }
    stats.oracleChecks++;
  }
  // Disjunctive facet counts: each facet counted under every filter but its own.
  for (const name of FACET_NAMES) {
    const want = facetCounts(oracle, query, name);
    const got = body.facets[name] ?? [];
    for (const { value, count: n } of got) {
      if (exact) expect(n, `${what}: count of ${name}=${value}`).toBe(want.counts.get(value) ?? 0);
      else expect(n, `${what}: count of ${name}=${value}`).toBeLessThanOrEqual(want.counts.get(value) ?? 0);
      stats.oracleChecks++;
    }
    if (exact) {
      const limit = query.facetLimit ?? 50;
      expect(got.length, `${what}: ${name} values`).toBe(name === "decade" ? want.counts.size : Math.min(limit, want.counts.size));
      expect(body.facet_missing[name], `${what}: ${name} missing`).toBe(want.missing);
      stats.oracleChecks += 2;
    }
  }
}

function describeEntries(entries: Entry[]): string {
  const s = JSON.stringify(entries);
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
}

function printStats(title: string, stats: Stats) {
  const statuses = [...stats.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
  const params = [...stats.errorsByParam].sort(([, a], [, b]) => b - a).map(([p, n]) => `${p} ${n}`).join(", ");
  console.log(
    `[fuzz] ${title}: ${stats.runs} generated parameter sets (seed ${SEED}); statuses {${statuses}}; ` +
      `${stats.oracleChecks} oracle checks; ${stats.withHits} answers with hits, ${stats.withText} with text, ` +
      `${stats.withFilters} with facet filters, ${stats.injectionValues} filter-syntax injection values; 4xx by parameter: ${params}`,
  );
}

describe("fuzz: /api/search", () => {
  it(`answers ${RUNS} generated parameter sets with 2xx or 4xx + message, and the oracle agrees`, async () => {
    const stats = newStats();
    await fc.assert(
      fc.asyncProperty(entriesArb, async (entries) => {
        stats.runs++;
        await breathe(stats);
        const params = new URLSearchParams(entries);
        const what = describeEntries(entries);
        const res = await searchRoute.GET(new Request(`http://fuzz.test/api/search?${params.toString()}`));
        count(stats.statuses, res.status);
        if (entries.some(([k, v]) => k.startsWith("f.") && INJECTIONS.includes(v))) stats.injectionValues++;

        // The parser's verdict, computed apart from the route, must agree with the route's status.
        let query: SearchQuery | null = null;
        try {
          query = parseSearchParams(new URLSearchParams(entries));
        } catch {
          query = null;
        }
        if (query === null) {
          await expectClientError(res, stats, what);
          return;
        }
        expect(res.status, what).toBe(200);
        for (const [key, value] of entries) {
          if (key.startsWith("f.")) expect(query.filters[key.slice(2)], `${what}: value kept`).toContain(value.trim());
        }
        const body = (await res.json()) as ApiBody;
        if (body.hits.length > 0) stats.withHits++;
        if (query.q !== "") stats.withText++;
        if (Object.keys(query.filters).length > 0) stats.withFilters++;
        checkAgainstOracle(query, body, stats, what);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    printStats("/api/search", stats);
    expect(stats.runs).toBeGreaterThanOrEqual(RUNS);
    expect([...stats.statuses.keys()].every((s) => s < 500)).toBe(true);
    // The generator must reach both outcomes and real matches, or the suite proves little.
    expect(stats.statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 10);
    expect(stats.statuses.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
    expect(stats.withHits).toBeGreaterThan(RUNS / 20);
  }, 900_000);
});

describe("fuzz: /api/facets/[facet]", () => {
  it(`answers ${FACET_ROUTE_RUNS} generated facet searches with 2xx or 4xx + message`, async () => {
    const stats = newStats();
    await fc.assert(
      fc.asyncProperty(facetKey, facetTextArb, fc.oneof({ weight: 3, arbitrary: validEntriesArb }, { weight: 1, arbitrary: hostileEntriesArb }), fc.oneof(fc.constant(undefined), fc.constant(undefined), numberish), async (facet, text, entries, limit) => {
        stats.runs++;
        await breathe(stats);
        const params = new URLSearchParams(entries);
        params.append("fq", text);
        if (limit !== undefined) params.append("limit", limit);
        const res = await facetsRoute.GET(new Request(`http://fuzz.test/api/facets/${encodeURIComponent(facet)}?${params.toString()}`), { params: Promise.resolve({ facet }) });
        count(stats.statuses, res.status);
        if (res.status !== 200) {
          await expectClientError(res, stats, `${facet} ${describeEntries(entries)}`);
          return;
        }
        const body = (await res.json()) as { values: Array<{ value: string; count: number }> };
        const query = parseSearchParams(new URLSearchParams(entries));
        const want = facetCounts(oracle, query, facet);
        const exact = queryTerms(query.q).length === 0;
        for (const v of body.values) {
          if (exact) expect(v.count, `${facet}=${v.value}`).toBe(want.counts.get(v.value) ?? 0);
          else expect(v.count, `${facet}=${v.value}`).toBeLessThanOrEqual(want.counts.get(v.value) ?? 0);
          stats.oracleChecks++;
        }
        if (body.values.length > 0) stats.withHits++;
      }),
      { numRuns: FACET_ROUTE_RUNS, seed: SEED + 1 },
    );
    printStats("/api/facets/[facet]", stats);
    expect([...stats.statuses.keys()].every((s) => s < 500)).toBe(true);
    expect(stats.statuses.get(200) ?? 0).toBeGreaterThan(0);
  }, 300_000);
});
