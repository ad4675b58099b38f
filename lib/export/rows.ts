import { getFacetTable } from "@/lib/facets/live-table";
import { getMachineFacets, type FacetDef } from "@/lib/facets/table";
import type { SearchDoc } from "@/lib/search/types";

/**
 * One exported row per book: the catalogue fields a researcher needs to find the book again, then
 * for every machine facet (driven by the facet table, so a new generator's facet is exported with
 * no change here) its value, confidence, model version and source ("predicted" or "catalogue").
 * List fields are joined with "; " so CSV and JSON rows have the same shape.
 */

export const CATALOGUE_COLUMNS = ["id", "title", "names", "places", "countries", "publisher", "year", "date_raw", "shelfmark", "catalogue_genre", "link"] as const;

export type ExportValue = string | number | null;
export type ExportRow = Record<string, ExportValue>;

/** The source column of a machine facet: its `sourceField` when it has one, else `<name>_source`. */
function sourceColumn(def: FacetDef): string {
  return def.sourceField ?? `${def.field}_source`;
}

export function toExportColumns(table: readonly FacetDef[] = getFacetTable()): string[] {
  const cols: string[] = [...CATALOGUE_COLUMNS];
  for (const def of getMachineFacets(table)) cols.push(def.field, def.confidenceField!, def.modelField!, sourceColumn(def));
  return cols;
}

function joinList(v: unknown): ExportValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length > 0 ? v.map(String).join("; ") : null;
  if (typeof v === "number" || typeof v === "string") return v;
  return String(v);
}

export function toExportRow(doc: SearchDoc, table: readonly FacetDef[] = getFacetTable()): ExportRow {
  const row: ExportRow = {};
  for (const c of CATALOGUE_COLUMNS) row[c] = joinList(doc[c]);
  for (const def of getMachineFacets(table)) {
    const value = joinList(doc[def.field]);
    row[def.field] = value;
    const confidence = doc[def.confidenceField!];
    row[def.confidenceField!] = typeof confidence === "number" ? confidence : null;
    row[def.modelField!] = joinList(doc[def.modelField!]);
    // Machine-only facets have no source field in the index: a value there is always a prediction.
    row[sourceColumn(def)] = def.sourceField ? joinList(doc[def.sourceField]) : value === null ? null : "predicted";
  }
  return row;
}
