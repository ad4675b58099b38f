import type { FacetDef } from "@/lib/facets/table";
import { isMachineFacet } from "@/lib/facets/table";
import type { SearchDoc } from "@/lib/search/types";

/**
 * One facet's values for every document, stored column-wise in typed arrays so a search can
 * count tens of thousands of documents without allocating per document.
 */
export interface FacetColumn {
  def: FacetDef;
  /** Value dictionary, sorted by code units, so a value id order is the value order. */
  values: string[];
  valueIds: Map<string, number>;
  /** Value ids of document d are ids[offsets[d] .. offsets[d+1]). */
  offsets: Uint32Array;
  ids: Uint32Array;
  /** Machine or mixed facet: per document 1 when its values are predicted (they can then be uncertain). */
  predicted: Uint8Array | null;
  /** Per document confidence of the predicted values; NaN when absent. */
  confidence: Float64Array | null;
  /** Slot used for the "uncertain" pseudo-value in count and selection arrays (= values.length). */
  uncertainSlot: number;
  /** Inverse: documents having value v are valueDocs[valueOffsets[v] .. valueOffsets[v+1]) (filters touch only them). */
  valueOffsets: Uint32Array;
  valueDocs: Uint32Array;
}

export function toFacetValues(raw: unknown): string[] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === "string" && v !== "");
  if (typeof raw === "string") return raw === "" ? [] : [raw];
  if (typeof raw === "number" || typeof raw === "boolean") return [String(raw)];
  return [];
}

/** Whether a document's values of this facet are predictions (never true for catalogued values). */
export function isPredictedValue(def: FacetDef, doc: SearchDoc): boolean {
  if (!isMachineFacet(def)) return false;
  if (def.source === "machine") return true;
  return def.sourceField !== undefined && doc[def.sourceField] === "predicted";
}

export function buildFacetColumn(def: FacetDef, docs: readonly SearchDoc[]): FacetColumn {
  const perDoc: string[][] = new Array(docs.length);
  const distinct = new Set<string>();
  let total = 0;
  for (let d = 0; d < docs.length; d++) {
    const values = [...new Set(toFacetValues((docs[d] as SearchDoc)[def.field]))];
    perDoc[d] = values;
    total += values.length;
    for (const v of values) distinct.add(v);
  }
  const values = [...distinct].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const valueIds = new Map(values.map((v, i) => [v, i]));
  const offsets = new Uint32Array(docs.length + 1);
  const ids = new Uint32Array(total);
  let at = 0;
  for (let d = 0; d < docs.length; d++) {
    offsets[d] = at;
    for (const v of perDoc[d] as string[]) ids[at++] = valueIds.get(v) as number;
  }
  offsets[docs.length] = at;

  let predicted: Uint8Array | null = null;
  let confidence: Float64Array | null = null;
  if (isMachineFacet(def)) {
    predicted = new Uint8Array(docs.length);
    confidence = new Float64Array(docs.length).fill(Number.NaN);
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d] as SearchDoc;
      if (isPredictedValue(def, doc)) predicted[d] = 1;
      const c = def.confidenceField ? doc[def.confidenceField] : null;
      if (typeof c === "number" && Number.isFinite(c)) confidence[d] = c;
    }
  }
  const valueOffsets = new Uint32Array(values.length + 1);
  for (let k = 0; k < ids.length; k++) (valueOffsets[(ids[k] as number) + 1] as number)++;
  for (let v = 0; v < values.length; v++) valueOffsets[v + 1] = (valueOffsets[v + 1] as number) + (valueOffsets[v] as number);
  const fill = valueOffsets.slice(0, values.length);
  const valueDocs = new Uint32Array(ids.length);
  for (let d = 0; d < docs.length; d++) {
    for (let k = offsets[d] as number; k < (offsets[d + 1] as number); k++) {
      const v = ids[k] as number;
      valueDocs[fill[v] as number] = d;
      fill[v] = (fill[v] as number) + 1;
    }
  }
  return { def, values, valueIds, offsets, ids, predicted, confidence, uncertainSlot: values.length, valueOffsets, valueDocs };
}
