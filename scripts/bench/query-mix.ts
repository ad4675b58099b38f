import { FACETS, type FacetDef } from "@/lib/facets/table";
import { toSearchParams } from "@/lib/search/params";
import { DEFAULT_FACET_LIMIT, type SearchDoc, type SearchQuery } from "@/lib/search/types";
import { seededRandom } from "./stats";

/**
 * A fixed, deterministic mix of distinct search queries drawn from the collection itself:
 * 1-2 consecutive words of a real title, two filters taken from the same record (so most
 * queries have hits), a sort, a page (mostly the first, some deep) and sometimes min_confidence.
 */
export interface QueryMixOptions {
  count: number;
  seed?: number;
  /** Filters per query (the target: two). */
  filters?: number;
}

const FILTER_FACETS = ["place", "decade", "language", "genre", "country", "publisher"];
const SORTS = ["relevance", "relevance", "relevance", "year_asc", "year_desc", "title", "genre_confidence"] as const;
const WORD = /^[\p{L}]{3,}$/u;

export function buildQueryMix(docs: readonly SearchDoc[], options: QueryMixOptions): SearchQuery[] {
  const rand = seededRandom(options.seed ?? 20261125);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const defs = new Map((FACETS as readonly FacetDef[]).map((f) => [f.name, f]));
  const wanted = options.filters ?? 2;
  const seen = new Set<string>();
  const out: SearchQuery[] = [];
  for (let attempts = 0; out.length < options.count && attempts < options.count * 50; attempts++) {
    const doc = pick(docs);
    const words = doc.title.split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, "")).filter((w) => WORD.test(w));
    if (words.length === 0) continue;
    const start = Math.floor(rand() * words.length);
    const q = words.slice(start, start + (rand() < 0.5 ? 1 : 2)).join(" ");
    const filters: Record<string, string[]> = {};
    for (const name of [...FILTER_FACETS].sort(() => rand() - 0.5)) {
      if (Object.keys(filters).length >= wanted) break;
      const def = defs.get(name);
      if (!def) continue;
      const raw = doc[def.field];
      const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : typeof raw === "string" ? [raw] : [];
      if (values.length > 0) filters[name] = [pick(values)];
    }
    if (Object.keys(filters).length < wanted) continue;
    const r = rand();
    const page = r < 0.7 ? 1 : r < 0.95 ? 2 + Math.floor(rand() * 4) : 10 + Math.floor(rand() * 40);
    const query: SearchQuery = {
      q,
      page,
      perPage: 20,
      sort: pick(SORTS),
      yearFrom: null,
      yearTo: null,
      filters,
      minConfidence: rand() < 0.2 ? pick([0.7, 0.9, 0.99]) : null,
      facetLimit: DEFAULT_FACET_LIMIT,
    };
    const key = toSearchParams(query).toString();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(query);
  }
  if (out.length < options.count) throw new Error(`could only build ${out.length} distinct queries of ${options.count}`);
  return out;
}
