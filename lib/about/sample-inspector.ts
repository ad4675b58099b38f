/**
 * The sample inspector's maths: how the labelled sample differs from the whole collection.
 * Pure functions over arrays, so the page, the cache and the tests share one implementation.
 * Divergence is Jensen-Shannon with log base 2: 0 for identical distributions, 1 for disjoint ones.
 */
import type { BookRecord } from "@/lib/records/types";
import { toTitleLengthSlice } from "@/ml/evaluate/evaluate-genre";

export interface InspectorBook {
  title: string;
  year: number | null;
  places: string[];
  /** Language predicted from the title (same identifier on both sides), null when none. */
  language: string | null;
  /** Catalogue fields with a value. */
  present: string[];
}

export const INSPECTED_FIELDS: ReadonlyArray<readonly [string, (r: BookRecord) => boolean]> = [
  ["name", (r) => Boolean(r.name ?? r.allNames[0])],
  ["date", (r) => Boolean(r.dateRaw)],
  ["place", (r) => r.places.length > 0],
  ["publisher", (r) => Boolean(r.publisher)],
  ["edition", (r) => Boolean(r.edition)],
  ["physical description", (r) => Boolean(r.physicalDescription)],
  ["catalogue genre", (r) => Boolean(r.catalogueGenre)],
  ["topics", (r) => Boolean(r.topics)],
  ["languages", (r) => r.languages.length > 0],
  ["shelfmark", (r) => Boolean(r.shelfmark)],
];

export function toInspectorBook(record: BookRecord, language: string | null): InspectorBook {
  return {
    title: record.title,
    year: record.year,
    places: record.places,
    language,
    present: INSPECTED_FIELDS.filter(([, has]) => has(record)).map(([name]) => name),
  };
}

export type Distribution = Map<string, number>;

export function countKeys(keys: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/** Counts to shares summing to 1 (empty in, empty out). */
export function toDistribution(counts: ReadonlyMap<string, number>): Distribution {
  let total = 0;
  for (const c of counts.values()) total += c;
  const out: Distribution = new Map();
  if (total === 0) return out;
  for (const [k, c] of counts) out.set(k, c / total);
  return out;
}

/** Jensen-Shannon divergence in bits, over the union of keys; missing keys have share 0. */
export function jensenShannon(p: ReadonlyMap<string, number>, q: ReadonlyMap<string, number>): number {
  const keys = new Set([...p.keys(), ...q.keys()]);
  let js = 0;
  for (const k of keys) {
    const a = p.get(k) ?? 0;
    const b = q.get(k) ?? 0;
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  // Rounding can leave -1e-17 or 1+1e-16.
  return Math.min(1, Math.max(0, js));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function fold(x: number): string {
  if (x >= 10) return `${Math.round(x)}-fold`;
  return `${x.toFixed(1)}-fold`;
}

/**
 * One sentence from two shares: "the sample over-represents Dutch books 20-fold (12.0% of the
 * sample, 0.6% of the collection)". `noun` names what the value is ("Dutch books", "books from the 1850s").
 */
export function describeRatio(noun: string, sampleShare: number, collectionShare: number): string {
  const shares = `(${pct(sampleShare)} of the sample, ${pct(collectionShare)} of the collection)`;
  if (collectionShare === 0 && sampleShare === 0) return `neither the sample nor the collection has ${noun}`;
  if (collectionShare === 0) return `the sample has ${noun}, the collection none ${shares}`;
  if (sampleShare === 0) return `the sample has no ${noun} ${shares}`;
  const ratio = sampleShare / collectionShare;
  if (ratio >= 1.25) return `the sample over-represents ${noun} ${fold(ratio)} ${shares}`;
  if (ratio <= 0.8) return `the sample under-represents ${noun} ${fold(1 / ratio)} ${shares}`;
  return `the sample has about as many ${noun} as the collection ${shares}`;
}

export function describeDivergence(jsd: number): string {
  if (jsd < 0.02) return "the sample matches the collection closely";
  if (jsd < 0.1) return "the sample differs a little from the collection";
  if (jsd < 0.3) return "the sample differs clearly from the collection";
  return "the sample differs strongly from the collection";
}

export interface ComparisonRow {
  value: string;
  sample: number;
  collection: number;
  sampleShare: number;
  collectionShare: number;
  /** sampleShare / collectionShare; null when the collection has none. */
  ratio: number | null;
}

export interface Comparison {
  key: string;
  title: string;
  jsd: number;
  summary: string;
  readings: string[];
  rows: ComparisonRow[];
  sampleTotal: number;
  collectionTotal: number;
}

export interface CompareOptions {
  key: string;
  title: string;
  /** Keep the N values most common in either side; the rest become "other" (before the divergence is computed). */
  top?: number;
  /** Sort rows by value name (decades, lengths) instead of by collection share. */
  sortByValue?: boolean;
  /** Words for a value in a reading: (value) => "Dutch books". */
  noun: (value: string) => string;
  /** Values too small on both sides to be worth a sentence. */
  minShare?: number;
  readings?: number;
}

export const OTHER = "other";

export function compareDistributions(sampleKeys: Iterable<string>, collectionKeys: Iterable<string>, options: CompareOptions): Comparison {
  let sampleCounts = countKeys(sampleKeys);
  let collectionCounts = countKeys(collectionKeys);
  if (options.top !== undefined) {
    const s = toDistribution(sampleCounts);
    const c = toDistribution(collectionCounts);
    const all = [...new Set([...s.keys(), ...c.keys()])].sort((a, b) => Math.max(s.get(b) ?? 0, c.get(b) ?? 0) - Math.max(s.get(a) ?? 0, c.get(a) ?? 0));
    const kept = new Set(all.slice(0, options.top));
    const lump = (m: Map<string, number>) => {
      const out = new Map<string, number>();
      for (const [k, n] of m) {
        const key = kept.has(k) ? k : OTHER;
        out.set(key, (out.get(key) ?? 0) + n);
      }
      return out;
    };
    sampleCounts = lump(sampleCounts);
    collectionCounts = lump(collectionCounts);
  }
  const p = toDistribution(sampleCounts);
  const q = toDistribution(collectionCounts);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const rows: ComparisonRow[] = [...new Set([...p.keys(), ...q.keys()])].map((value) => {
    const sampleShare = p.get(value) ?? 0;
    const collectionShare = q.get(value) ?? 0;
    return {
      value,
      sample: sampleCounts.get(value) ?? 0,
      collection: collectionCounts.get(value) ?? 0,
      sampleShare,
      collectionShare,
      ratio: collectionShare > 0 ? sampleShare / collectionShare : null,
    };
  });
  if (options.sortByValue) rows.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  else rows.sort((a, b) => b.collectionShare - a.collectionShare || b.sampleShare - a.sampleShare);
  const jsd = jensenShannon(p, q);
  const minShare = options.minShare ?? 0.02;
  // The values that move the divergence most, in words: largest share gaps first.
  const readings = rows
    .filter((r) => r.value !== OTHER && Math.max(r.sampleShare, r.collectionShare) >= minShare)
    .map((r) => ({ r, weight: Math.abs(Math.log((r.sampleShare + 1e-4) / (r.collectionShare + 1e-4))) * Math.max(r.sampleShare, r.collectionShare) }))
    .filter(({ r }) => r.ratio === null || r.ratio >= 1.25 || r.ratio <= 0.8)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, options.readings ?? 4)
    .map(({ r }) => describeRatio(options.noun(r.value), r.sampleShare, r.collectionShare));
  return { key: options.key, title: options.title, jsd, summary: `${describeDivergence(jsd)} (Jensen-Shannon divergence ${jsd.toFixed(3)} bits, 0 = same, 1 = disjoint)`, readings, rows, sampleTotal: sum(sampleCounts), collectionTotal: sum(collectionCounts) };
}

export function toDecade(year: number | null): string {
  return year === null ? "unknown" : `${Math.floor(year / 10) * 10}s`;
}

export function toFirstLetter(title: string): string {
  const c = title.trim().normalize("NFD").replace(/[\u0300-\u036f]/g, "").charAt(0).toUpperCase();
  return /^[A-Z]$/.test(c) ? c : c === "" ? "(empty)" : "not A-Z";
}

const UNIDENTIFIED = "unidentified";

/** Every comparison of the page, same order as shown. */
export function buildComparisons(sample: readonly InspectorBook[], collection: readonly InspectorBook[]): Comparison[] {
  const by = (f: (b: InspectorBook) => string) => [sample.map(f), collection.map(f)] as const;
  const decade = by((b) => toDecade(b.year));
  const language = by((b) => b.language ?? UNIDENTIFIED);
  const place = by((b) => b.places[0] ?? "no place");
  const length = by((b) => toTitleLengthSlice(b.title));
  const letter = by((b) => toFirstLetter(b.title));
  return [
    compareDistributions(...decade, { key: "decade", title: "Decade of publication", sortByValue: true, noun: (v) => (v === "unknown" ? "books without a date" : `books from the ${v}`) }),
    compareDistributions(...language, { key: "language", title: "Language predicted from the title", top: 12, readings: 5, noun: (v) => (v === UNIDENTIFIED ? "titles with no identified language" : `${v} books`) }),
    compareDistributions(...place, { key: "place", title: "Place of publication (first place, top 12)", top: 12, noun: (v) => (v === "no place" ? "books without a place" : `books published in ${v}`) }),
    compareDistributions(...length, { key: "titleLength", title: "Title length", sortByValue: true, noun: (v) => `titles of ${v}` }),
    compareDistributions(...letter, { key: "firstLetter", title: "First letter of the title", sortByValue: true, noun: (v) => `titles starting with ${v}` }),
    compareDistributions(
      sample.flatMap((b) => b.present),
      collection.flatMap((b) => b.present),
      { key: "fieldsPresent", title: "Catalogue fields present (share of all present fields)", noun: (v) => `records with a ${v}`, readings: 3 },
    ),
  ];
}

export interface FieldCompleteness {
  field: string;
  sample: number;
  collection: number;
}

export function buildFieldCompleteness(sample: readonly InspectorBook[], collection: readonly InspectorBook[]): FieldCompleteness[] {
  const share = (books: readonly InspectorBook[], field: string) => (books.length === 0 ? 0 : books.filter((b) => b.present.includes(field)).length / books.length);
  return INSPECTED_FIELDS.map(([field]) => ({ field, sample: share(sample, field), collection: share(collection, field) }));
}

export interface PredictedGenre {
  group: string;
  value: string;
  confidence: number;
}

export interface FictionShare {
  group: string;
  n: number;
  fiction: number;
  /** Share of the group's predictions below their label's threshold (or with no threshold). */
  uncertain: number;
}

/**
 * Predicted Fiction share per group, and the share the model's recommended thresholds leave
 * uncertain: a prediction is certain only when its confidence reaches its label's threshold.
 */
export function buildFictionShares(rows: readonly PredictedGenre[], thresholds: ReadonlyArray<{ label: string; threshold: number | null }>, sortByGroup = true): FictionShare[] {
  const limit = new Map(thresholds.map((t) => [t.label, t.threshold]));
  const groups = new Map<string, { n: number; fiction: number; uncertain: number }>();
  for (const r of rows) {
    const g = groups.get(r.group) ?? { n: 0, fiction: 0, uncertain: 0 };
    g.n++;
    if (r.value === "Fiction") g.fiction++;
    const t = limit.get(r.value);
    if (t === undefined || t === null || r.confidence < t) g.uncertain++;
    groups.set(r.group, g);
  }
  const out = [...groups].map(([group, g]) => ({ group, n: g.n, fiction: g.fiction / g.n, uncertain: g.uncertain / g.n }));
  return sortByGroup ? out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)) : out.sort((a, b) => b.n - a.n);
}
