import "server-only";
import { FACETS, type FacetDef } from "@/lib/facets/table";
import type { Store } from "@/lib/store/types";
import type { ModelInfo } from "@/components/search/facet-panel";

/** Live version and its date for each generator named in the facet table (absent when none is live). */
export function toLiveModels(store: Pick<Store, "getCurrentVersion" | "listPredictionVersions">): Record<string, ModelInfo> {
  const out: Record<string, ModelInfo> = {};
  for (const facet of FACETS as readonly FacetDef[]) {
    const generator = facet.generator;
    if (!generator || out[generator]) continue;
    const version = store.getCurrentVersion(generator);
    if (!version) continue;
    const meta = store.listPredictionVersions(generator).find((v) => v.version === version);
    out[generator] = { version, createdAt: meta?.createdAt ?? "" };
  }
  return out;
}
