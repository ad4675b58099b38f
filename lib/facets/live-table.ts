import { createHash } from "node:crypto";
import { FACETS, type FacetDef } from "./table";

/**
 * The facet table in force in this process: the static rows of table.ts plus the facets staff
 * promoted from open facets (lib/promotion), which the search service installs whenever it
 * rebuilds the index from the store. Everything that is driven by the table (URL parser, engines,
 * projection, sidebar) reads it here, so a promoted facet needs no code change anywhere else.
 * Kept on globalThis because Next may evaluate this module once per route bundle.
 */
const KEY = Symbol.for("glam-ml-facets.live-facet-table");
type Holder = { [KEY]?: readonly FacetDef[] };

export function getFacetTable(): readonly FacetDef[] {
  return (globalThis as Holder)[KEY] ?? FACETS;
}

/** Installs a table (built with `buildFacetTable`, so it has been checked). */
export function setFacetTable(table: readonly FacetDef[]): void {
  (globalThis as Holder)[KEY] = table;
}

/** Short digest of a table: indexes and snapshots made under another table are stale. */
export function toFacetTableFingerprint(table: readonly FacetDef[] = getFacetTable()): string {
  return createHash("sha256").update(JSON.stringify(table)).digest("hex").slice(0, 16);
}
