import "server-only";
import { getFacetTable } from "@/lib/facets/live-table";
import type { Store } from "@/lib/store/types";
import type { ModelInfo } from "@/components/search/facet-panel";

/** Live model version and its date for each generator named in the facet table (absent when none is live). */
export function toLiveModels(store: Pick<Store, "getCurrentVersion" | "listPredictionVersions">): Record<string, ModelInfo> {
  const out: Record<string, ModelInfo> = {};
  for (const facet of getFacetTable()) {
    const generator = facet.generator;
    if (!generator || out[generator]) continue;
    const version = store.getCurrentVersion(generator);
    if (!version) continue;
    const stored = store.listPredictionVersions(generator).find((v) => v.version === version);
    // Show the model's own version and training date when the generator recorded them (genre does);
    // else the stored version id and when the predictions were made.
    const modelVersion = stored?.meta.modelVersion;
    const modelCreatedAt = stored?.meta.modelCreatedAt;
    out[generator] = {
      version: typeof modelVersion === "string" ? modelVersion : version,
      createdAt: typeof modelCreatedAt === "string" ? modelCreatedAt : (stored?.createdAt ?? ""),
    };
  }
  return out;
}
