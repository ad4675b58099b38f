import type { BookRecord } from "@/lib/records/types";
import { maxEdits } from "@/lib/search/embedded/highlight";
import { tokenizeForIndex, tokenizeQuery } from "@/lib/search/fold";
import type { SearchQuery } from "@/lib/search/types";

/**
 * An independent reading of what a search must return, computed from the fixture records and
 * predictions with plain loops: no engine, no index, no facet columns. It shares only the text
 * tokeniser and the typo allowance (maxEdits), which are the documented query semantics.
 */

interface FacetValue {
  values: string[];
  /** A prediction (not a catalogue value), so min_confidence applies. */
  predicted: boolean;
  confidence: number | null;
}

export interface OracleRecord {
  id: string;
  year: number | null;
  facets: Record<string, FacetValue>;
  /** Folded index terms of title, names, places and publisher. */
  terms: string[];
}

const UNCERTAIN = "uncertain";

export class OracleError extends Error {
  override name = "OracleError";
}

export function buildOracle(records: readonly BookRecord[], genre: ReadonlyArray<[string, string, number]>, language: ReadonlyArray<[string, string, number]>): OracleRecord[] {
  const genreBy = new Map(genre.map(([id, v, c]) => [id, { v, c }]));
  const langBy = new Map(language.map(([id, v, c]) => [id, { v, c }]));
  const out: OracleRecord[] = [];
  for (const r of records) {
    const g = genreBy.get(r.id);
    const l = langBy.get(r.id);
    const catalogueLanguage = r.languages.length > 0;
    const cat = (values: string[]): FacetValue => ({ values, predicted: false, confidence: null });
    const names: string[] = [];
    if (r.name) names.push(r.name);
    for (const n of r.allNames) if (!names.includes(n)) names.push(n);
    out.push({
      id: r.id,
      year: r.year,
      facets: {
        decade: cat(r.year === null ? [] : [`${Math.floor(r.year / 10) * 10}s`]),
        genre: g ? { values: [g.v], predicted: true, confidence: g.c } : cat([]),
        language: catalogueLanguage ? cat(r.languages) : l ? { values: [l.v], predicted: true, confidence: l.c } : cat([]),
        language_source: cat(catalogueLanguage ? ["catalogue"] : l ? ["predicted"] : []),
        place: cat(r.places),
        country: cat(r.countries),
        publisher: cat(r.publisher === null ? [] : [r.publisher]),
      },
      terms: [r.title, ...names, ...r.places, r.publisher ?? ""].flatMap((t) => tokenizeForIndex(t)),
    });
  }
  return out;
}

/** The values a record shows for a facet under a confidence threshold (a weak prediction is "uncertain"). */
export function effectiveValues(rec: OracleRecord, facet: string, minConfidence: number | null): string[] {
  const f = rec.facets[facet];
  if (!f) throw new OracleError(`the oracle does not know facet "${facet}": add it to buildOracle`);
  if (f.values.length > 0 && f.predicted && minConfidence !== null && !(f.confidence !== null && f.confidence >= minConfidence)) return [UNCERTAIN];
  return f.values;
}

export function matchesYear(rec: OracleRecord, q: SearchQuery): boolean {
  if (q.yearFrom === null && q.yearTo === null) return true;
  if (rec.year === null) return false;
  return (q.yearFrom === null || rec.year >= q.yearFrom) && (q.yearTo === null || rec.year <= q.yearTo);
}

export function matchesFacet(rec: OracleRecord, facet: string, selected: readonly string[], minConfidence: number | null): boolean {
  const values = effectiveValues(rec, facet, minConfidence);
  for (const v of values) for (const s of selected) if (v === s) return true;
  return false;
}

/** Searchable words of a query; a query without any (punctuation, control characters) constrains nothing. */
export function queryTerms(q: string): string[] {
  return tokenizeQuery(q).filter((t) => t !== "");
}

/**
 * Every query term matches some term of the record: exactly, within the typo allowance, or as a
 * prefix for the last term. An engine may be stricter about typos (e.g. keep the first letter),
 * so for text queries the suite checks hits against this, and totals as an upper bound.
 */
export function matchesText(rec: OracleRecord, q: string): boolean {
  const terms = queryTerms(q);
  if (terms.length === 0) return true;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as string;
    const last = i === terms.length - 1;
    const allowance = maxEdits(t);
    let found = false;
    for (const w of rec.terms) {
      if (w === t || (last && w.startsWith(t)) || levenshtein(t, w) <= allowance) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

export function matchesAll(rec: OracleRecord, q: SearchQuery, exceptFacet?: string): boolean {
  if (!matchesYear(rec, q)) return false;
  for (const [facet, selected] of Object.entries(q.filters)) {
    if (facet === exceptFacet || selected.length === 0) continue;
    if (!matchesFacet(rec, facet, selected, q.minConfidence)) return false;
  }
  return matchesText(rec, q.q);
}

/** Disjunctive facet counts: each facet counted under every filter but its own. */
export function facetCounts(records: readonly OracleRecord[], q: SearchQuery, facet: string): { counts: Map<string, number>; missing: number } {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const rec of records) {
    if (!matchesAll(rec, q, facet)) continue;
    const values = effectiveValues(rec, facet, q.minConfidence);
    if (values.length === 0) missing++;
    for (const v of new Set(values)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { counts, missing };
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  // Lengths further apart than any allowance cannot match; skipping them keeps long queries cheap.
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}
