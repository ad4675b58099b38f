import { UNCERTAIN } from "@/lib/facets/table";
import { SearchParamsError } from "@/lib/search/params";
import type { FacetColumn } from "@/lib/search/embedded/facet-columns";
import { NO_YEAR, type IndexState } from "@/lib/search/embedded/index-state";
import type { SearchQuery } from "@/lib/search/types";

/** A selected facet: which value slots (including the "uncertain" slot) satisfy its filter. */
interface Selection {
  column: FacetColumn;
  slots: Uint8Array;
}

export interface FacetCounts {
  column: FacetColumn;
  /** Per value id, plus the uncertain slot at the end. */
  counts: Int32Array;
  missing: number;
}

export interface Evaluation {
  /** 1 for documents matching the whole query. */
  hitMask: Uint8Array;
  total: number;
  /** Text matches in relevance order (null when the query has no text). */
  ranked: number[] | null;
  facets: Map<string, FacetCounts>;
}

/**
 * Matches and disjunctive facet counts in one pass: a document failing no selected facet is a hit
 * and counts for every facet; a document failing exactly one selected facet counts only for that
 * facet (whose own selection is ignored for its counts); a document failing two counts nowhere.
 */
export function evaluate(state: IndexState, query: SearchQuery, countFacets: readonly string[] | "all"): Evaluation {
  const n = state.docs.length;
  const threshold = query.minConfidence;

  const selections: Selection[] = [];
  for (const [name, values] of Object.entries(query.filters)) {
    const column = state.facets.get(name);
    if (!column) throw new SearchParamsError(`f.${name}`, `unknown facet "${name}"`);
    if (values.length === 0) continue;
    const slots = new Uint8Array(column.values.length + 1);
    for (const v of values) {
      const id = column.valueIds.get(v);
      if (id !== undefined) slots[id] = 1;
      // "uncertain" means a prediction below the threshold only on machine facets.
      else if (v === UNCERTAIN && column.predicted) slots[column.uncertainSlot] = 1;
    }
    selections.push({ column, slots });
  }

  const counted: FacetCounts[] = [];
  for (const column of state.facets.values()) {
    if (countFacets === "all" || countFacets.includes(column.def.name)) {
      counted.push({ column, counts: new Int32Array(column.values.length + 1), missing: 0 });
    }
  }
  const countedBySelection = selections.map((s) => counted.find((c) => c.column === s.column) ?? null);

  let ranked: number[] | null = null;
  let candidates: Iterable<number> | null = null;
  const q = query.q.trim();
  if (q !== "") {
    ranked = state.text.search(q).map((r) => r.id as number);
    candidates = ranked;
  }

  const hitMask = new Uint8Array(n);
  let total = 0;
  const { yearFrom, yearTo } = query;
  const years = state.years;
  const hasYear = yearFrom !== null || yearTo !== null;
  const lo = yearFrom ?? -Infinity;
  const hi = yearTo ?? Infinity;

  const visit = (d: number) => {
    if (hasYear) {
      const y = years[d] as number;
      if (y === NO_YEAR || y < lo || y > hi) return;
    }
    let failed = -1;
    for (let s = 0; s < selections.length; s++) {
      if (!passes(selections[s] as Selection, d, threshold)) {
        if (failed !== -1) return;
        failed = s;
      }
    }
    if (failed === -1) {
      hitMask[d] = 1;
      total++;
      for (const c of counted) countDoc(c, d, threshold);
    } else {
      const c = countedBySelection[failed];
      if (c) countDoc(c, d, threshold);
    }
  };

  if (candidates) for (const d of candidates) visit(d);
  else for (let d = 0; d < n; d++) visit(d);

  return { hitMask, total, ranked, facets: new Map(counted.map((c) => [c.column.def.name, c])) };
}

function isUncertain(column: FacetColumn, d: number, threshold: number | null): boolean {
  if (threshold === null || !column.predicted || column.predicted[d] !== 1) return false;
  // A prediction without a confidence cannot meet any threshold.
  return !((column.confidence as Float64Array)[d] as number >= threshold);
}

function passes(sel: Selection, d: number, threshold: number | null): boolean {
  const { column, slots } = sel;
  const from = column.offsets[d] as number;
  const to = column.offsets[d + 1] as number;
  if (from === to) return false;
  if (isUncertain(column, d, threshold)) return slots[column.uncertainSlot] === 1;
  for (let k = from; k < to; k++) if (slots[column.ids[k] as number] === 1) return true;
  return false;
}

function countDoc(c: FacetCounts, d: number, threshold: number | null): void {
  const { column, counts } = c;
  const from = column.offsets[d] as number;
  const to = column.offsets[d + 1] as number;
  if (from === to) {
    c.missing++;
    return;
  }
  if (isUncertain(column, d, threshold)) {
    (counts[column.uncertainSlot] as number)++;
    return;
  }
  for (let k = from; k < to; k++) (counts[column.ids[k] as number] as number)++;
}
