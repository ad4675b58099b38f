import { FACETS, type FacetDef, UNCERTAIN } from "@/lib/facets/table";
import { matchFacetValues } from "@/lib/search/facet-values";
import { tokenizeQuery } from "@/lib/search/fold";
import { SearchParamsError } from "@/lib/search/params";
import { evaluate, type Evaluation, type FacetCounts } from "@/lib/search/embedded/evaluate";
import { buildTermMatcher, toHighlightParts } from "@/lib/search/embedded/highlight";
import { buildIndexState, type IndexState } from "@/lib/search/embedded/index-state";
import {
  DEFAULT_FACET_LIMIT,
  type FacetCount,
  type FacetResult,
  type SearchDoc,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from "@/lib/search/types";

/**
 * The default, in-process engine: a typed-array inverted index for full text (text-index.ts), facet counting by hand over typed
 * arrays. Each index generation is immutable; `replaceAll` builds the next one aside and swaps a
 * single reference, so a search (or an export scan) sees the old generation or the new, never a mix.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = "embedded" as const;
  private state: IndexState;
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    state: IndexState,
    private readonly table: readonly FacetDef[],
  ) {
    this.state = state;
  }

  /** `facets` defaults to the project's facet table; tests pass `buildFacetTable([...])` to add a facet. */
  static async create(
    docs: AsyncIterable<SearchDoc> | Iterable<SearchDoc> = [],
    options: { facets?: readonly FacetDef[] } = {},
  ): Promise<EmbeddedSearchEngine> {
    const table = options.facets ?? FACETS;
    return new EmbeddedSearchEngine(await buildIndexState(docs, table), table);
  }

  async count(): Promise<number> {
    return this.state.docs.length;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.searchSync(query);
  }

  /** Synchronous core, also used by benchmarks to time the engine without the event loop. */
  searchSync(query: SearchQuery): SearchResult {
    const started = performance.now();
    const state = this.state;
    const ev = evaluate(state, query, "all");
    const offset = (query.page - 1) * query.perPage;
    const positions = pageOfHits(state, query, ev, offset, query.perPage);
    const matcher = buildTermMatcher(tokenizeQuery(query.q));
    const hasText = query.q.trim() !== "";
    const hits = positions.map((d) => toHit(state.docs[d] as SearchDoc, hasText ? matcher : null));
    const facets: Record<string, FacetResult> = {};
    for (const [name, fc] of ev.facets) facets[name] = toFacetResult(fc, query.facetLimit ?? DEFAULT_FACET_LIMIT);
    return {
      total: ev.total,
      page: query.page,
      perPage: query.perPage,
      hits,
      facets,
      tookMs: performance.now() - started,
    };
  }

  async searchFacetValues(query: SearchQuery, facet: string, text: string, limit: number): Promise<FacetCount[]> {
    const state = this.state;
    if (!state.facets.has(facet)) throw new SearchParamsError("facet", `unknown facet "${facet}"`);
    const ev = evaluate(state, query, [facet]);
    const fc = ev.facets.get(facet) as FacetCounts;
    const values: FacetCount[] = [];
    forEachCount(fc, (value, count) => values.push({ value, count }));
    return matchFacetValues(values, text, limit);
  }

  async replaceAll(docs: AsyncIterable<SearchDoc> | Iterable<SearchDoc>): Promise<void> {
    // Rebuilds run one after another so the last call's documents win.
    const run = this.pending.then(async () => {
      const next = await buildIndexState(docs, this.table);
      this.state = next;
    });
    this.pending = run.catch(() => undefined);
    return run;
  }

  async getDoc(id: string): Promise<SearchDoc | null> {
    const state = this.state;
    const d = state.byId.get(id);
    return d === undefined ? null : (state.docs[d] as SearchDoc);
  }

  async *scan(query: SearchQuery, cap: number): AsyncIterable<SearchDoc> {
    const state = this.state;
    const ev = evaluate(state, query, []);
    const positions = pageOfHits(state, query, ev, 0, Math.min(cap, ev.total));
    for (const d of positions) yield state.docs[d] as SearchDoc;
  }
}

function pageOfHits(state: IndexState, query: SearchQuery, ev: Evaluation, offset: number, size: number): number[] {
  const out: number[] = [];
  if (size <= 0 || offset >= ev.total) return out;
  const { hitMask } = ev;
  let skipped = 0;
  const take = (d: number): boolean => {
    if (hitMask[d] !== 1) return false;
    if (skipped < offset) {
      skipped++;
      return false;
    }
    out.push(d);
    return out.length >= size;
  };
  if (query.sort === "relevance") {
    if (ev.text) {
      const ranked = topByScore(ev.text.docs, ev.text.scores, hitMask, offset + size);
      return ranked.slice(offset);
    } else {
      for (let d = 0; d < hitMask.length; d++) if (take(d)) break;
    }
    return out;
  }
  const order = state.orders[query.sort];
  for (let k = 0; k < order.length; k++) if (take(order[k] as number)) break;
  return out;
}

/**
 * The best `k` hits by score (ties by position), best first, without sorting every hit: a common
 * word matches half the collection, and only a page is shown.
 */
export function topByScore(docs: Uint32Array, scores: Float32Array, hitMask: Uint8Array, k: number): number[] {
  const heap: number[] = [];
  // worse(a, b): a ranks below b.
  const worse = (a: number, b: number) => (scores[a] as number) < (scores[b] as number) || ((scores[a] as number) === (scores[b] as number) && a > b);
  const swap = (i: number, j: number) => {
    const t = heap[i] as number;
    heap[i] = heap[j] as number;
    heap[j] = t;
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let x = 0; x < docs.length; x++) {
    const d = docs[x] as number;
    if (hitMask[d] !== 1) continue;
    if (heap.length < k) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i] as number, heap[p] as number)) break;
        swap(i, p);
        i = p;
      }
    } else if (k > 0 && worse(heap[0] as number, d)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

function toHit(doc: SearchDoc, matcher: ((term: string) => boolean) | null): SearchHit {
  if (!matcher) return { doc, highlight: { title: [{ text: doc.title, match: false }] } };
  const highlight: SearchHit["highlight"] = { title: toHighlightParts(doc.title, matcher) };
  const optional = { names: doc.names.join("; "), places: doc.places.join("; "), publisher: doc.publisher ?? "" };
  for (const [field, text] of Object.entries(optional) as Array<[keyof typeof optional, string]>) {
    if (text === "") continue;
    const parts = toHighlightParts(text, matcher);
    if (parts.some((p) => p.match)) highlight[field] = parts;
  }
  return { doc, highlight };
}

function forEachCount(fc: FacetCounts, fn: (value: string, count: number) => void): void {
  const { column, counts } = fc;
  for (let v = 0; v < column.values.length; v++) {
    const c = counts[v] as number;
    if (c > 0) fn(column.values[v] as string, c);
  }
  const u = counts[column.uncertainSlot] as number;
  if (u > 0) fn(UNCERTAIN, u);
}

function toFacetResult(fc: FacetCounts, limit: number): FacetResult {
  const def = fc.column.def;
  let distinct = 0;
  let values: FacetCount[];
  if (def.order === "value") {
    values = [];
    forEachCount(fc, (value, count) => values.push({ value, count }));
    distinct = values.length;
    values.sort((a, b) => compare(a.value, b.value));
  } else {
    const top = new TopK(limit);
    forEachCount(fc, (value, count) => {
      distinct++;
      top.offer(value, count);
    });
    values = top.sorted();
  }
  return { values, missing: fc.missing, distinct };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keeps the k best (count desc, value asc) without sorting thousands of publishers per request. */
class TopK {
  private heap: FacetCount[] = [];
  constructor(private readonly k: number) {}

  /** true when a is worse than b. */
  private worse(a: FacetCount, b: FacetCount): boolean {
    return a.count < b.count || (a.count === b.count && a.value > b.value);
  }

  offer(value: string, count: number): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push({ value, count });
      this.up(h.length - 1);
    } else if (h.length > 0 && this.worse(h[0] as FacetCount, { value, count })) {
      h[0] = { value, count };
      this.down(0);
    }
  }

  sorted(): FacetCount[] {
    return [...this.heap].sort((a, b) => b.count - a.count || compare(a.value, b.value));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(h[i] as FacetCount, h[p] as FacetCount)) break;
      [h[i], h[p]] = [h[p] as FacetCount, h[i] as FacetCount];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l] as FacetCount, h[m] as FacetCount)) m = l;
      if (r < h.length && this.worse(h[r] as FacetCount, h[m] as FacetCount)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m] as FacetCount, h[i] as FacetCount];
      i = m;
    }
  }
}
