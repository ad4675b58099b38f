import { getServerEnv } from "@/lib/env";
import { DEFAULT_OPEN_FACET_OPTIONS, trainOpenFacet } from "@/lib/open-facets/rank";
import { loadBookVectors, type LoadedVectors } from "@/lib/open-facets/vectors";
import { PROMOTED_VALUES, toCardHref, toGeneratorName, toModelVersion, type PromotedFacet } from "@/lib/promotion/promotion";
import type { BookRecord } from "@/lib/records/types";
import { toVectorVersion } from "@/ml/vectors/vector-file";
import type { FacetGenerator, GeneratedValue } from "./types";

/**
 * The generator of a promoted open facet: retrains the facet's classifier from its stored picks
 * with the training options its model card recorded (seeded, so the same picks on the same vectors
 * give the same model) and labels every book with
 * a vector "yes" or "no" at the facet's threshold. Its model version names the facet version and
 * the vector version, so rebuilt vectors make a new model version, as a retrained genre model does.
 */
export interface PromotedGeneratorOptions {
  /** Working folder holding vectors/books.int8.bin. Default: WORK_DIR, read when first needed. */
  workDir?: string;
  /** Tests hand in their own vectors. */
  loadVectors?: () => LoadedVectors;
}

export function createPromotedGenerator(facet: PromotedFacet, options: PromotedGeneratorOptions = {}): FacetGenerator {
  const load = options.loadVectors ?? (() => loadBookVectors(options.workDir ?? getServerEnv().WORK_DIR));
  let cached: { set: LoadedVectors["set"]; scores: Float32Array } | null = null;

  function scores(vectors: LoadedVectors): Float32Array {
    if (cached?.set !== vectors.set) cached = { set: vectors.set, scores: trainOpenFacet(vectors.set, vectors.index, facet.pos, facet.neg, facet.card?.training ?? DEFAULT_OPEN_FACET_OPTIONS).scores };
    return cached.scores;
  }

  return {
    name: toGeneratorName(facet.slug),
    version() {
      return toModelVersion(facet, toVectorVersion(load().set));
    },
    meta() {
      const { set } = load();
      return {
        card: toCardHref(facet.slug),
        facetVersion: facet.version,
        promotedBy: facet.promotedBy,
        promotedAt: facet.promotedAt,
        modelCreatedAt: facet.promotedAt,
        threshold: facet.threshold,
        vectorVersion: toVectorVersion(set),
        picks: { pos: facet.pos.length, neg: facet.neg.length },
      };
    },
    async predict(records: BookRecord[]): Promise<Array<GeneratedValue | null>> {
      const vectors = load();
      const s = scores(vectors);
      return records.map((r) => {
        const row = vectors.index.get(r.id);
        if (row === undefined) return null;
        const p = s[row]!;
        const yes = p >= facet.threshold;
        return { value: yes ? PROMOTED_VALUES.yes : PROMOTED_VALUES.no, confidence: yes ? p : 1 - p, extra: { p } };
      });
    },
  };
}
