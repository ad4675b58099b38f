import { UNCERTAIN } from "@/lib/facets/table";
import { SearchParamsError } from "@/lib/search/params";
import type { FacetColumn } from "@/lib/search/embedded/facet-columns";
import { NO_YEAR, type IndexState } from "@/lib/search/embedded/index-state";
import { searchText, type TextMatches } from "@/lib/search/embedded/text-index";
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
  /** 1 for documents matching the whole query. Scratch memory: valid until the next evaluate() on this index. */
  hitMask: Uint8Array;
  total: number;
  /** Text matches and their scores (null when the query has no searchable words). */
  text: TextMatches | null;
  facets: Map<string, FacetCounts>;
}

/**
 * Per-index buffers reused by every search: a search used to allocate about 200 KB of typed arrays
 * per query (hit mask, pass bits, one count array per facet) and the garbage collector took a
 * visible share of the API's CPU. evaluate() is synchronous and its callers read the results
 * before the next call, so one set per index is enough.
 */
interface Scratch {
  hitMask: Uint8Array;
  passBits: Uint32Array;
  counts: Map<FacetColumn, Int32Array>;
}

const scratchByState = new WeakMap<IndexState, Scratch>();

function scratchFor(state: IndexState): Scratch {
  let s = scratchByState.get(state);
  if (!s) {
    s = { hitMask: new Uint8Array(state.docs.length), passBits: new Uint32Array(state.docs.length), counts: new Map() };
    scratchByState.set(state, s);
  }
  return s;
}

function zeroedCounts(scratch: Scratch, column: FacetColumn): Int32Array {
  let counts = scratch.counts.get(column);
  if (!counts) {
    counts = new Int32Array(column.values.length + 1);
    scratch.counts.set(column, counts);
  } else counts.fill(0);
  return counts;
}

/**
 * Matches and disjunctive facet counts in one pass: a document failing no selected facet is a hit
 * and counts for every facet; a document failing exactly one selected facet counts only for that
 * facet (whose own selection is ignored for its counts); a document failing two counts nowhere.
 * Which selections a document passes is precomputed as bits from the selected values' document
 * lists, so the pass over the collection reads one number per document.
 */
export function evaluate(state: IndexState, query: SearchQuery, countFacets: readonly string[] | "all", passCheck: "auto" | "marked" | "per-candidate" = "auto"): Evaluation {
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
  if (selections.length > 30) throw new SearchParamsError("filters", "too many facets filtered at once");

  const scratch = scratchFor(state);
  const counted: FacetCounts[] = [];
  for (const column of state.facets.values()) {
    if (countFacets === "all" || countFacets.includes(column.def.name)) {
      counted.push({ column, counts: zeroedCounts(scratch, column), missing: 0 });
    }
  }
  const countedBySelection = selections.map((s) => counted.find((c) => c.column === s.column) ?? null);

  const full = selections.length === 0 ? 0 : (2 ** selections.length - 1) >>> 0;
  const text = query.q.trim() === "" ? null : searchText(state.text, query.q);
  const candidates = text?.docs ?? null;

  // Which selections a document passes: marked ahead from the selected values' document lists,
  // or, when the words leave far fewer documents than those lists hold, checked per candidate.
  let passBits: Uint32Array | null = null;
  const lazy =
    candidates !== null && selections.length > 0 && (passCheck === "per-candidate" || (passCheck === "auto" && candidates.length * 2 < selectedDocCount(selections, threshold, n)));
  if (selections.length > 0 && !lazy) {
    passBits = scratch.passBits.fill(0);
    selections.forEach((sel, s) => markPasses(sel, 1 << s, passBits as Uint32Array, threshold));
  }

  const hitMask = scratch.hitMask.fill(0);
  let total = 0;
  const { yearFrom, yearTo } = query;
  const years = state.years;
  const hasYear = yearFrom !== null || yearTo !== null;
  const lo = yearFrom ?? -Infinity;
  const hi = yearTo ?? Infinity;
  const countedAll = counted.length;
  const limit = candidates ? candidates.length : n;

  for (let x = 0; x < limit; x++) {
    const d = candidates ? (candidates[x] as number) : x;
    if (hasYear) {
      const y = years[d] as number;
      if (y === NO_YEAR || y < lo || y > hi) continue;
    }
    const bits = passBits ? (passBits[d] as number) : lazy ? passMask(selections, d, threshold) : 0;
    if (bits === full) {
      hitMask[d] = 1;
      total++;
      for (let c = 0; c < countedAll; c++) countDoc(counted[c] as FacetCounts, d, threshold);
      continue;
    }
    const miss = (full ^ bits) >>> 0;
    if ((miss & (miss - 1)) !== 0) continue;
    const c = countedBySelection[31 - Math.clz32(miss)];
    if (c) countDoc(c, d, threshold);
  }

  return { hitMask, total, text, facets: new Map(counted.map((c) => [c.column.def.name, c])) };
}

/** Documents markPasses would visit: what the per-candidate check is weighed against. */
function selectedDocCount(selections: readonly Selection[], threshold: number | null, n: number): number {
  let total = 0;
  for (const { column, slots } of selections) {
    for (let v = 0; v < column.values.length; v++) if (slots[v] === 1) total += (column.valueOffsets[v + 1] as number) - (column.valueOffsets[v] as number);
    if (threshold !== null && column.predicted !== null && slots[column.uncertainSlot] === 1) total += n;
  }
  return total;
}

/** The selections one document passes, as bits: the same rule as markPasses, for one document. */
function passMask(selections: readonly Selection[], d: number, threshold: number | null): number {
  let bits = 0;
  for (let s = 0; s < selections.length; s++) if (passesSelection(selections[s] as Selection, d, threshold)) bits |= 1 << s;
  return bits >>> 0;
}

function passesSelection(sel: Selection, d: number, threshold: number | null): boolean {
  const { column, slots } = sel;
  const from = column.offsets[d] as number;
  const to = column.offsets[d + 1] as number;
  // Below the threshold a predicted value stands for "uncertain", not for itself.
  if (threshold !== null && column.predicted !== null && isUncertain(column, d, threshold)) return slots[column.uncertainSlot] === 1 && from !== to;
  for (let k = from; k < to; k++) if (slots[column.ids[k] as number] === 1) return true;
  return false;
}

/** Sets `bit` for every document passing one facet's selection. */
function markPasses(sel: Selection, bit: number, passBits: Uint32Array, threshold: number | null): void {
  const { column, slots } = sel;
  const thresholded = threshold !== null && column.predicted !== null;
  for (let v = 0; v < column.values.length; v++) {
    if (slots[v] !== 1) continue;
    for (let k = column.valueOffsets[v] as number; k < (column.valueOffsets[v + 1] as number); k++) {
      const d = column.valueDocs[k] as number;
      if (thresholded && isUncertain(column, d, threshold)) continue;
      passBits[d] = (passBits[d] as number) | bit;
    }
  }
  if (thresholded && slots[column.uncertainSlot] === 1) {
    const predicted = column.predicted as Uint8Array;
    for (let d = 0; d < predicted.length; d++) {
      if (predicted[d] === 1 && column.offsets[d] !== column.offsets[d + 1] && isUncertain(column, d, threshold)) {
        passBits[d] = (passBits[d] as number) | bit;
      }
    }
  }
}

function isUncertain(column: FacetColumn, d: number, threshold: number | null): boolean {
  if (threshold === null || !column.predicted || column.predicted[d] !== 1) return false;
  // A prediction without a confidence cannot meet any threshold.
  return !((column.confidence as Float64Array)[d] as number >= threshold);
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
