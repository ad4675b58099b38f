import fc from "fast-check";
import { FACET_NAMES } from "@/lib/facets/table";

/**
 * Generators of search parameter sets for the fuzz suites (the API one in lib/search/fuzz.test.ts
 * and the page one in e2e/page-fuzz.spec.ts). `buildSearchArbitraries` takes the collection's real
 * facet values and title words, so valid requests find records and injections look like values.
 */

export const INJECTIONS = [
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

export type Entry = [string, string];

export interface CollectionSample {
  /** facet name -> values that occur in the collection. */
  realValues: Record<string, string[]>;
  titleWords: string[];
}

export function buildSearchArbitraries({ realValues, titleWords }: CollectionSample) {
  const allReal = [...new Set(Object.values(realValues).flat())];

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
      junk: fc.array(fc.tuple(fc.oneof(fc.constantFrom("foo", "fq", "Q", "page[]", "q ", "__proto__", "constructor", "toString", "hasOwnProperty"), fc.string({ maxLength: 8 })), fc.string({ maxLength: 8 })), { maxLength: 1 }),
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

  const facetTextArb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...allReal).chain((v) => fc.nat({ max: v.length }).map((n) => v.slice(0, n))) },
    { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: longString(400, 800) },
  );

  return { allReal, qArb, numberish, facetKey, facetValue, validEntriesArb, hostileEntriesArb, entriesArb, facetTextArb };
}
