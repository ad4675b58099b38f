import "server-only";
import { workPaths } from "@/lib/env";
import { getSearchEngine } from "@/lib/search/server";
import { parseSearchParams } from "@/lib/search/params";
import { readVectorFile, type VectorSet } from "@/ml/vectors/vector-file";
import { vectorFilePath } from "./paths";
import { buildIdIndex, topRows, trainOpenFacet } from "./rank";
import type { OpenFacetPicks } from "./params";

/** The book vectors, loaded once per server process (about 9 MB). */
const KEY = Symbol.for("glam-ml-facets.open-facet-vectors");
type Loaded = { set: VectorSet; index: Map<string, number> };
type Holder = { [KEY]?: Loaded };

export function getBookVectors(): Loaded {
  const h = globalThis as Holder;
  if (!h[KEY]) {
    const set = readVectorFile(vectorFilePath(workPaths().root));
    h[KEY] = { set, index: buildIdIndex(set) };
  }
  return h[KEY];
}

export interface RankedBook {
  id: string;
  score: number;
}

export interface OpenFacetRanking {
  ranked: RankedBook[];
  /** Books the ranking was drawn from (the query's matches, or the whole collection). */
  candidates: number;
  unknownIds: string[];
  trainAndScoreMs: number;
}

/** Most query matches an open facet re-ranks (the engine pages at 100). */
const MAX_QUERY_CANDIDATES = 2_000;

/** Ids of the books matching `q` (all of them up to MAX_QUERY_CANDIDATES). */
async function queryCandidates(q: string): Promise<string[]> {
  const engine = await getSearchEngine();
  const ids: string[] = [];
  for (let page = 1; ids.length < MAX_QUERY_CANDIDATES; page++) {
    const result = await engine.search(parseSearchParams(new URLSearchParams({ q, per_page: "100", page: String(page) })));
    ids.push(...result.hits.map((h) => h.doc.id));
    if (result.hits.length < 100 || ids.length >= result.total) break;
  }
  return ids;
}

/** Trains the open facet on the picks and ranks the collection (or the query's matches), picks left out. */
export async function rankOpenFacet(picks: OpenFacetPicks, q: string, limit: number): Promise<OpenFacetRanking> {
  const { set, index } = getBookVectors();
  const t0 = performance.now();
  const result = trainOpenFacet(set, index, picks.pos, picks.neg);
  const trainAndScoreMs = performance.now() - t0;
  const exclude = new Set([...picks.pos, ...picks.neg].flatMap((id) => (index.has(id) ? [index.get(id)!] : [])));
  const candidates = q ? new Set((await queryCandidates(q)).flatMap((id) => (index.has(id) ? [index.get(id)!] : []))) : undefined;
  const rows = topRows(result.scores, limit, { candidates, exclude });
  return { ranked: rows.map((r) => ({ id: set.ids[r]!, score: result.scores[r]! })), candidates: candidates?.size ?? set.ids.length, unknownIds: result.unknownIds, trainAndScoreMs };
}
