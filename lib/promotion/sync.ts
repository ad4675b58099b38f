import type Database from "better-sqlite3";
import { getGenerator, getGenerators, registerGenerator, unregisterGenerator } from "@/lib/facets/generators";
import { createPromotedGenerator } from "@/lib/facets/generators/open-facet";
import { setFacetTable } from "@/lib/facets/live-table";
import { PromotionStore } from "@/lib/store/promotions";
import { buildLiveFacetTable, toGeneratorName, type PromotedFacet } from "./promotion";

/**
 * Brings this process in line with the store's promoted facets: their rows join the live facet
 * table and their generators the registry (retired ones leave both). The search service runs it
 * before every index rebuild; the regeneration worker and the admin pages before listing
 * generators. Returns the active promoted facets.
 */
const KEY = Symbol.for("glam-ml-facets.promoted-generators");
type Holder = { [KEY]?: Map<string, number> };

export function syncPromotedFacets(db: Database.Database, options: { workDir?: string } = {}): PromotedFacet[] {
  const active = new PromotionStore(db).listActive();
  const registered = ((globalThis as Holder)[KEY] ??= new Map());
  const wanted = new Map(active.map((p) => [toGeneratorName(p.slug), p]));
  for (const [name] of registered) {
    if (!wanted.has(name)) {
      unregisterGenerator(name);
      registered.delete(name);
    }
  }
  for (const [name, p] of wanted) {
    if (registered.get(name) === p.version && getGenerator(name)) continue;
    registerGenerator(createPromotedGenerator(p, options.workDir ? { workDir: options.workDir } : {}), { replace: true });
    registered.set(name, p.version);
  }
  setFacetTable(buildLiveFacetTable(active));
  return active;
}

/** Names of every generator this installation can run, promoted facets included (in registry order). */
export function getGeneratorNames(db: Database.Database): string[] {
  syncPromotedFacets(db);
  return getGenerators().map((g) => g.name);
}
