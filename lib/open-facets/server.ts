import "server-only";
import { workPaths } from "@/lib/env";
import { getSearchEngine } from "@/lib/search/server";
import { parseSearchParams } from "@/lib/search/params";
import type { SearchDoc, SearchEngine, SearchHit, SearchQuery, SearchResult } from "@/lib/search/types";
import { rankByOpenFacet } from "./search-ranking";
import { OpenFacetError, topRows, trainOpenFacet } from "./rank";
import { loadBookVectors, type LoadedVectors } from "./vectors";
import type { NamedOpenFacet, OpenFacetPicks } from "./params";

/** The book vectors (about 9 MB), loaded once per server process and again when the file changes. */
export function getBookVectors(): LoadedVectors {
  return loadBookVectors(workPaths().root);
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

/** Ids of the books matching `q`, most relevant first, up to MAX_QUERY_CANDIDATES (one engine scan, not a page loop). */
async function queryCandidates(q: string): Promise<string[]> {
  const engine = await getSearchEngine();
  const ids: string[] = [];
  for await (const doc of engine.scan(parseSearchParams(new URLSearchParams({ q })), MAX_QUERY_CANDIDATES)) ids.push(doc.id);
  return ids;
}

/**
 * Trains the open facet on the picks (and each saved facet on its own) and ranks the collection
 * or the query's matches by the product of their probabilities (saved facets AND together).
 * Every pick of every facet is left out of the ranking.
 */
export async function rankOpenFacet(picks: OpenFacetPicks, q: string, limit: number, saved: readonly NamedOpenFacet[] = []): Promise<OpenFacetRanking> {
  const { set, index } = getBookVectors();
  const t0 = performance.now();
  const facets = [...(picks.pos.length ? [picks] : []), ...saved];
  let scores: Float32Array | null = null;
  const unknownIds: string[] = [];
  for (const f of facets) {
    const result = trainOpenFacet(set, index, f.pos, f.neg);
    unknownIds.push(...result.unknownIds);
    if (!scores) scores = result.scores;
    else for (let i = 0; i < scores.length; i++) scores[i]! *= result.scores[i]!;
  }
  if (!scores) throw new OpenFacetError('an open facet needs at least one "more like this" book');
  const trainAndScoreMs = performance.now() - t0;
  const exclude = new Set(facets.flatMap((f) => [...f.pos, ...f.neg]).flatMap((id) => (index.has(id) ? [index.get(id)!] : [])));
  const candidates = q ? new Set((await queryCandidates(q)).flatMap((id) => (index.has(id) ? [index.get(id)!] : []))) : undefined;
  const rows = topRows(scores, limit, { candidates, exclude });
  const final = scores;
  return { ranked: rows.map((r) => ({ id: set.ids[r]!, score: final[r]! })), candidates: candidates?.size ?? set.ids.length, unknownIds, trainAndScoreMs };
}

/** Most matching books a search with picks ranks (the whole collection fits). */
const MAX_PICKED_CANDIDATES = 100_000;

export interface PickedSearch {
  result: SearchResult;
  /** Open-facet probability of each book on the page (absent: no vector). */
  scores: Map<string, number>;
  unknownIds: string[];
  trainAndScoreMs: number;
}

/**
 * The main search page with open-facet picks: the books matching the query and facets, re-ranked
 * by the picks' classifier or filtered at `min` (see rankByOpenFacet). Facet counts are the query's
 * own, before the open facet. Null when there is no "more like this" pick to train on.
 */
export async function searchWithPicks(engine: SearchEngine, query: SearchQuery): Promise<PickedSearch | null> {
  const of = query.openFacet;
  if (!of || of.pos.length === 0) return null;
  const { set, index } = getBookVectors();
  const t0 = performance.now();
  const trained = trainOpenFacet(set, index, of.pos, of.neg);
  const trainAndScoreMs = performance.now() - t0;
  const plain = { ...query, openFacet: undefined };
  const [base, docs] = await Promise.all([
    engine.search({ ...plain, page: 1, perPage: 1 }),
    (async () => {
      const out = new Map<string, SearchDoc>();
      for await (const doc of engine.scan(plain, MAX_PICKED_CANDIDATES)) out.set(doc.id, doc);
      return out;
    })(),
  ]);
  const scoreOf = (id: string) => {
    const row = index.get(id);
    return row === undefined ? null : trained.scores[row]!;
  };
  const ranked = rankByOpenFacet(docs.keys(), scoreOf, new Set([...of.pos, ...of.neg]), of.mode, of.min);
  const from = (query.page - 1) * query.perPage;
  const pageRows = ranked.slice(from, from + query.perPage);
  const scores = new Map(pageRows.flatMap((r) => (r.score === null ? [] : [[r.id, r.score] as const])));
  const hits: SearchHit[] = pageRows.map((r) => ({ doc: docs.get(r.id)!, highlight: {} }));
  return {
    result: { total: ranked.length, page: query.page, perPage: query.perPage, hits, facets: base.facets, tookMs: base.tookMs },
    scores,
    unknownIds: trained.unknownIds,
    trainAndScoreMs,
  };
}
