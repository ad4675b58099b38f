import "server-only";
import fs from "node:fs";
import path from "node:path";
import { workPaths } from "@/lib/env";
import type { JobServices } from "@/lib/jobs/services";
import { getBookVectors } from "@/lib/open-facets/server";
import { PromotionStore } from "@/lib/store/promotions";
import { toVectorVersion } from "@/ml/vectors/vector-file";
import { buildModelCard, parsePromotionInput, PromotionError, toModelCardMarkdown, type PromotedFacet } from "./promotion";
import { syncPromotedFacets } from "./sync";

/** Where a promoted facet version's card files go: <WORK_DIR>/models/open-facets/<slug>/v<version>/. */
export function modelCardDir(slug: string, version: number): string {
  return path.join(workPaths().models, "open-facets", slug, `v${version}`);
}

/**
 * Promotes an open facet: checks the request, records it with its model card (in the store and as
 * card.md + card.json next to the other models), and installs it in this process's facet table and
 * generator registry. Its predictions come from the next regeneration job, like any machine facet.
 */
export function promoteOpenFacet(services: Pick<JobServices, "store">, input: unknown, promotedBy: string, now = new Date()): PromotedFacet {
  const promotions = new PromotionStore(services.store.db);
  const request = parsePromotionInput(input, promotions.listActive());
  const { set, index } = getBookVectors();
  const missing = request.pos.filter((id) => !index.has(id));
  if (missing.length === request.pos.length) throw new PromotionError("pos", `none of the "more like this" books has a vector (${missing.slice(0, 5).join(", ")})`);
  const vectorVersion = toVectorVersion(set);
  const promotedAt = now.toISOString();
  const facet = promotions.promote({
    ...request,
    vectorVersion,
    promotedBy,
    promotedAt,
    buildCard: (version) => {
      const card = buildModelCard(request, {
        version,
        vectorVersion,
        vectors: { ...set.meta, dims: set.dims, books: set.ids.length },
        promotedBy,
        promotedAt,
        titleOf: (id) => services.store.getRecord(id)?.title ?? null,
      });
      return { card, markdown: toModelCardMarkdown(card) };
    },
  });
  const dir = modelCardDir(facet.slug, facet.version);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "card.json"), `${JSON.stringify(facet.card, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "card.md"), facet.cardMarkdown);
  syncPromotedFacets(services.store.db);
  return facet;
}

export function retirePromotedFacet(services: Pick<JobServices, "store">, slug: string, retiredBy: string, now = new Date()): PromotedFacet {
  const facet = new PromotionStore(services.store.db).retire(slug, retiredBy, now.toISOString());
  syncPromotedFacets(services.store.db);
  return facet;
}
