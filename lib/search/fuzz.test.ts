import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FACET_NAMES } from "@/lib/facets/table";
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

const INJECTIONS = [
  `" OR "1"="1`,
  `Fiction" OR genre = "Non-fiction`,
  `Fiction' OR '1'='1`,
  "\\",
  '\\"',
  '"',
  "'",
  '""',
  "(",
  ")",
  ") OR (",
  "genre = Fiction",
  "Fiction AND year > 0",
  "Fiction OR Non-fiction",
  "NOT Fiction",
  "genre IN [Fiction, Non-fiction]",
  "genre IS NULL",
  "id EXISTS",
  "year 1800 TO 1900",
  "_geoRadius(0, 0, 1)",
  "*",
  "%",
  "%00",
  "\u0000",
  "a\u0000b",
  "\\\\\" OR year < 3000 OR \"",
  "Paris OR London",
  "O'Neill (Dublin) = AND",
  "Back\\slash Press",
  '"Printed for the Author"',
];

const realValues: Record<string, string[]> = {};
for (const name of FACET_NAMES) {
  const set = new Set<string>(["uncertain"]);
  for (const rec of oracle) for (const v of rec.facets[name]?.values ?? []) set.add(v);
  realValues[name] = [...set];
}
const allReal = [...new Set(Object.values(realValues).flat())];
const titleWords = [...new Set(FUZZ_RECORDS.flatMap((r) => r.title.split(/\s+/)).filter((w) => w.length > 0))];

const typo = (word: string) =>
  fc.tuple(fc.nat(), fc.constantFrom("drop", "swap", "change", "prefix")).map(([i, kind]) => {
    const k = word.length === 0 ? 0 : i % word.length;
    if (kind === "drop") return word.slice(0, k) + word.slice(k + 1);
    if (kind === "swap") return word.slice(0, k) + (word[k + 1] ?? "") + (word[k] ?? "") + word.slice(k + 2);
    if (kind === "change") return word.slice(0, k) + "x" + word.slice(k + 1);
    return word.slice(0, Math.max(1, k));
  });

const longString = (min: number, max: number) => fc.string({ unit: "grapheme", minLength: min, maxLength: max });

const qArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 3, arbitrary: fc.constantFrom(...titleWords) },
  { weight: 2, arbitrary: fc.constantFrom(...titleWords).chain(typo) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...titleWords), { minLength: 2, maxLength: 3 }).map((w) => w.join(" ")) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 1, arbitrary: longString(480, 520) },
  { weight: 1, arbitrary: longString(1_000, 3_000) },
);

const numberish = fc.oneof(
  fc.integer({ min: -5, max: 12 }).map(String),
  fc.constantFrom("0", "-1", "1e3", "0x10", "1.5", " 2", "2 ", "", "99999999999999999999", "1000000", "1000001", "NaN", "Infinity", "-0", "+1", "١", "2\u0000"),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.string({ maxLength: 6 }),
);

const yearish = fc.oneof(fc.integer({ min: 1780, max: 1910 }).map(String), fc.integer({ min: -100, max: 20_000 }).map(String), numberish);

const confidenceish = fc.oneof(
  fc.constantFrom("0", "0.5", "0.7", "0.9", "1", "1.0", ".5", "0.", "1.0000001", "-0.1", "NaN", "Infinity", "1e-1", "0,5", ""),
  fc.double({ min: 0, max: 1, noNaN: true }).map(String),
  fc.double().map(String),
);

const facetKey = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...FACET_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom("unknown", "__proto__", "constructor", "toString", "GENRE", "genre ", "", "genre.x", "f.genre", "hasOwnProperty") },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

const facetValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...allReal) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 1, arbitrary: fc.constantFrom(...allReal).map((v) => `  ${v} `) },
  { weight: 1, arbitrary: fc.constantFrom(...allReal).map((v) => v.toUpperCase()) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: longString(290, 320) },
);

type Entry = [string, string];
/** The parameter given with probability `present` (0..1), else left out. */
const opt = (key: string, arb: fc.Arbitrary<string>, present = 0.5) =>
  fc.oneof(
    { weight: Math.round(present * 10), arbitrary: arb.map((v): Entry | undefined => [key, v]) },
    { weight: Math.round((1 - present) * 10), arbitrary: fc.constant(undefined) },
  );

/** A known facet with one of its own values mostly (so answers have hits), else any value. */
const validFilter: fc.Arbitrary<Entry> = fc.constantFrom(...FACET_NAMES).chain((name) =>
  fc
    .oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(realValues[name] ?? ["uncertain"])) },
      { weight: 1, arbitrary: fc.constantFrom(...allReal) },
      { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
    )
    .map((v): Entry => [`f.${name}`, v]),
);

/** Values every parameter accepts: the request is valid, and the oracle checks the answer. */
const validEntriesArb: fc.Arbitrary<Entry[]> = fc
  .record({
    q: opt("q", fc.oneof(qArb.filter((q) => q.length <= 500), fc.constantFrom(...INJECTIONS))),
    page: opt("page", fc.oneof({ weight: 4, arbitrary: fc.constant("1") }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 4 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom("1000000", "999") })),
    perPage: opt("per_page", fc.constantFrom("1", "2", "5", "20", "100")),
    sort: opt("sort", fc.constantFrom("relevance", "year_asc", "year_desc", "title", "genre_confidence"), 0.2),
    yearFrom: opt("year_from", fc.integer({ min: 1780, max: 1900 }).map(String), 0.2),
    yearTo: opt("year_to", fc.integer({ min: 1850, max: 9999 }).map(String), 0.2),
    minConfidence: opt("min_confidence", fc.constantFrom("0", "0.5", "0.7", "0.9", "1", ".95", "0."), 0.2),
    facetLimit: opt("facet_limit", fc.constantFrom("1", "2", "3", "50", "1000"), 0.2),
    filters: fc.array(validFilter, { maxLength: 2 }),
  })
  .map((r) => [r.q, r.page, r.perPage, r.sort, r.yearFrom, r.yearTo, r.minConfidence, r.facetLimit, ...r.filters].filter((e): e is Entry => e !== undefined));

/** Anything: unknown keys and facets, malformed numbers, repeated parameters, huge strings. */
const hostileEntriesArb: fc.Arbitrary<Entry[]> = fc
  .record({
    q: opt("q", qArb),
    page: opt("page", fc.oneof(fc.integer({ min: 1, max: 4 }).map(String), numberish)),
    perPage: opt("per_page", fc.oneof(fc.constantFrom("1", "5", "20", "100"), numberish)),
    sort: opt("sort", fc.oneof(fc.constantFrom("relevance", "year_asc", "year_desc", "title", "genre_confidence"), fc.string({ maxLength: 12 }))),
    yearFrom: opt("year_from", yearish),
    yearTo: opt("year_to", yearish),
    minConfidence: opt("min_confidence", confidenceish),
    facetLimit: opt("facet_limit", fc.oneof(fc.constantFrom("1", "2", "50", "1000", "1001"), numberish)),
    filters: fc.array(fc.tuple(facetKey, facetValue).map(([k, v]): Entry => [`f.${k}`, v]), { maxLength: 4 }),
    junk: fc.array(fc.tuple(fc.oneof(fc.constantFrom("foo", "fq", "Q", "page[]", "q ", "__proto__"), fc.string({ maxLength: 8 })), fc.string({ maxLength: 8 })), { maxLength: 1 }),
    repeat: fc.boolean(),
    reverse: fc.boolean(),
  })
  .map((r) => {
    const scalars = [r.q, r.page, r.perPage, r.sort, r.yearFrom, r.yearTo, r.minConfidence, r.facetLimit].filter((e): e is Entry => e !== undefined);
    const entries: Entry[] = [...scalars, ...r.filters, ...r.junk];
    // A repeated scalar must be refused, not silently resolved one way or the other.
    if (r.repeat && scalars[0]) entries.push([scalars[0][0], scalars[0][1]]);
    return r.reverse ? entries.reverse() : entries;
  });

const entriesArb = fc.oneof({ weight: 1, arbitrary: validEntriesArb }, { weight: 1, arbitrary: hostileEntriesArb });

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

const facetTextArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...allReal).chain((v) => fc.nat({ max: v.length }).map((n) => v.slice(0, n))) },
  { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: longString(400, 800) },
);

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
