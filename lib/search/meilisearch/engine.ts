import { getFacetTable } from "@/lib/facets/live-table";
import type { Meilisearch, MultiSearchQuery, SearchResponse } from "meilisearch";
import { type FacetDef, isMachineFacet, UNCERTAIN } from "@/lib/facets/table";
import { reportSearchAvailable, reportSearchUnavailable } from "@/lib/search/availability";
import { SearchUnavailableError } from "@/lib/search/errors";
import { matchFacetValues } from "@/lib/search/facet-values";
import { tokenizeQuery } from "@/lib/search/fold";
import { buildTermMatcher } from "@/lib/search/embedded/highlight";
import { buildFilter, confidentClause, missingClause, uncertainClause } from "@/lib/search/meilisearch/filter";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, toMeiliDoc, toSearchDocFromMeili, toSearchHitFromMeili } from "@/lib/search/meilisearch/documents";
import { buildIndexSettings, SORTS } from "@/lib/search/meilisearch/settings";
import { awaitTask, isUnreachable } from "@/lib/search/meilisearch/tasks";
import { SearchParamsError } from "@/lib/search/params";
import {
  DEFAULT_FACET_LIMIT,
  type FacetCount,
  type FacetResult,
  type SearchDoc,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
} from "@/lib/search/types";

export const DOCUMENT_BATCH = 5_000;
const SCAN_PAGE = 1_000;

/** What one facet's counts are made of, as positions in the multi-search answer. */
interface FacetPlan {
  def: FacetDef;
  /** Query whose facetDistribution holds this facet's (confident) values. */
  distribution: number;
  /** Query whose totalHits is the number of "uncertain" records, when a threshold applies. */
  uncertain: number | null;
  /** Query whose totalHits is the number of records without a value. */
  missing: number;
}

/**
 * The Meilisearch adapter. Disjunctive facets come from one multi-search request: the main query,
 * one query per selected facet with its own filter removed, and count-only queries for missing and
 * "uncertain" values. Rebuilds go into `<index>__next`, which is then swapped with the live index;
 * the swapped-out index (old contents) stays until the next rebuild so a running export can finish on it.
 */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly kind = "meilisearch" as const;
  private generation = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: Meilisearch,
    /** Live index uid. */
    readonly indexUid: string,
  ) {}

  private get nextUid(): string {
    return `${this.indexUid}__next`;
  }

  async count(): Promise<number> {
    return this.call("count", async () => {
      try {
        return (await this.client.index(this.indexUid).getStats()).numberOfDocuments;
      } catch (e) {
        if (isNotFound(e)) return 0;
        throw e;
      }
    });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const queries: MultiSearchQuery[] = [];
    const base = { indexUid: this.indexUid, q: toMeiliQ(query.q) };
    const main: MultiSearchQuery = {
      ...base,
      filter: buildFilter(query),
      facets: [],
      page: query.page,
      hitsPerPage: query.perPage,
      sort: [...SORTS[query.sort]],
      // Every word must match (Meilisearch's default "last" drops words and inflates totals).
      matchingStrategy: "all",
      attributesToHighlight: ["title", "names", "places", "publisher"],
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
    };
    queries.push(main);
    const t = query.minConfidence;
    const plans: FacetPlan[] = [];
    const countOnly = (extra: string[], exclude?: string): number => {
      queries.push({ ...base, matchingStrategy: "all", filter: buildFilter(query, { exclude, extra }), page: 1, hitsPerPage: 0 });
      return queries.length - 1;
    };
    for (const def of getFacetTable()) {
      const selected = (query.filters[def.name] ?? []).length > 0;
      const exclude = selected ? def.name : undefined;
      const thresholded = isMachineFacet(def) && t !== null;
      let distribution = 0;
      if (thresholded || selected) {
        const extra = thresholded ? [confidentClause(def.name, t)] : [];
        queries.push({ ...base, matchingStrategy: "all", filter: buildFilter(query, { exclude, extra }), facets: [def.field], page: 1, hitsPerPage: 0 });
        distribution = queries.length - 1;
      } else {
        main.facets?.push(def.field);
      }
      const uncertain = thresholded ? countOnly([uncertainClause(def.name, t)], exclude) : null;
      plans.push({ def, distribution, uncertain, missing: countOnly([missingClause(def.name)], exclude) });
    }

    const response = await this.call("search", () => this.client.multiSearch({ queries }));
    const matcher = query.q.trim() === "" ? null : buildTermMatcher(tokenizeQuery(query.q));
    const results = response.results as Array<SearchResponse<Record<string, unknown>>>;
    const mainResult = results[0] as SearchResponse<Record<string, unknown>>;
    const facets: Record<string, FacetResult> = {};
    for (const plan of plans) {
      const dist = results[plan.distribution]?.facetDistribution?.[plan.def.field] ?? {};
      const values: FacetCount[] = Object.entries(dist).map(([value, count]) => ({ value, count }));
      const uncertainCount = plan.uncertain === null ? 0 : totalHits(results[plan.uncertain]);
      if (uncertainCount > 0) values.push({ value: UNCERTAIN, count: uncertainCount });
      facets[plan.def.name] = toFacetResult(plan.def, values, totalHits(results[plan.missing]), query.facetLimit ?? DEFAULT_FACET_LIMIT);
    }
    return {
      total: totalHits(mainResult),
      page: query.page,
      perPage: query.perPage,
      hits: mainResult.hits.map((h) => toSearchHitFromMeili(h, matcher)),
      facets,
      tookMs: performance.now() - started,
    };
  }

  async searchFacetValues(query: SearchQuery, facet: string, text: string, limit: number): Promise<FacetCount[]> {
    const def = getFacetTable().find((f) => f.name === facet);
    if (!def) throw new SearchParamsError("facet", `unknown facet "${facet}"`);
    const t = query.minConfidence;
    const extra = isMachineFacet(def) && t !== null ? [confidentClause(facet, t)] : [];
    const filter = buildFilter(query, { exclude: facet, extra });
    // Meilisearch's own facet search matches word prefixes only; matching the whole distribution
    // here (up to maxValuesPerFacet values) gives the same substring semantics as the embedded engine.
    const res = await this.call("facet search", () =>
      this.client.index(this.indexUid).search(toMeiliQ(query.q), { filter, facets: [def.field], hitsPerPage: 0, page: 1, matchingStrategy: "all" }),
    );
    const dist = res.facetDistribution?.[def.field] ?? {};
    return matchFacetValues(Object.entries(dist).map(([value, count]) => ({ value, count })), text, limit);
  }

  async replaceAll(docs: AsyncIterable<SearchDoc> | Iterable<SearchDoc>): Promise<void> {
    const run = this.pending.then(() => this.rebuild(docs));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async rebuild(docs: AsyncIterable<SearchDoc> | Iterable<SearchDoc>): Promise<void> {
    await this.call("rebuild", async () => {
      await this.deleteIfExists(this.nextUid);
      await awaitTask(`create ${this.nextUid}`, this.client.createIndex(this.nextUid, { primaryKey: "id" }));
      const next = this.client.index(this.nextUid);
      await awaitTask(`settings of ${this.nextUid}`, next.updateSettings(buildIndexSettings()));
      let batch: Record<string, unknown>[] = [];
      let sent = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await awaitTask(`documents ${sent + 1}-${sent + batch.length} into ${this.nextUid}`, next.addDocuments(batch));
        sent += batch.length;
        batch = [];
      };
      for await (const doc of docs) {
        batch.push(toMeiliDoc(doc));
        if (batch.length >= DOCUMENT_BATCH) await flush();
      }
      await flush();
      if (!(await this.exists(this.indexUid))) {
        await awaitTask(`create ${this.indexUid}`, this.client.createIndex(this.indexUid, { primaryKey: "id" }));
      }
      await awaitTask(`swap ${this.indexUid} and ${this.nextUid}`, this.client.swapIndexes([{ indexes: [this.indexUid, this.nextUid], rename: false }]));
      this.generation++;
    });
  }

  async getDoc(id: string): Promise<SearchDoc | null> {
    return this.call("get document", async () => {
      try {
        return toSearchDocFromMeili(await this.client.index(this.indexUid).getDocument(id));
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    });
  }

  async *scan(query: SearchQuery, cap: number): AsyncIterable<SearchDoc> {
    const startGeneration = this.generation;
    const filter = buildFilter(query);
    const sort = [...SORTS[query.sort]];
    const q = toMeiliQ(query.q);
    let sent = 0;
    for (let page = 1; sent < cap; page++) {
      // After one swap the old contents live in the `__next` index: finish the export there.
      const lag = this.generation - startGeneration;
      if (lag > 1) throw new SearchUnavailableError("the index was rebuilt twice during this export; run it again");
      const uid = lag === 0 ? this.indexUid : this.nextUid;
      const res = await this.call("scan", () =>
        this.client.index(uid).search(q, { filter, sort, page, hitsPerPage: Math.min(SCAN_PAGE, cap - sent), matchingStrategy: "all" }),
      );
      for (const hit of res.hits) {
        yield toSearchDocFromMeili(hit);
        sent++;
      }
      if (res.hits.length === 0 || page >= (res.totalPages ?? 0)) return;
    }
  }

  /** Deletes the live and spare indexes (tests). */
  async dispose(): Promise<void> {
    await this.deleteIfExists(this.nextUid);
    await this.deleteIfExists(this.indexUid);
  }

  private async exists(uid: string): Promise<boolean> {
    try {
      await this.client.getIndex(uid);
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  private async deleteIfExists(uid: string): Promise<void> {
    if (await this.exists(uid)) await awaitTask(`delete ${uid}`, this.client.deleteIndex(uid));
  }

  /** Network failures become SearchUnavailableError (503 at the route); other errors keep their cause. */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      const result = await fn();
      reportSearchAvailable();
      return result;
    } catch (cause) {
      if (isUnreachable(cause)) {
        // Lets proxy.ts answer search pages with a 503 page until a probe gets through again.
        reportSearchUnavailable(`Meilisearch unreachable (${what})`);
        throw new SearchUnavailableError(`Meilisearch unreachable (${what})`, { cause });
      }
      throw cause;
    }
  }
}

/** The query as the index's folded field holds it: accents folded, compounds joined. */
export function toMeiliQ(q: string): string {
  return tokenizeQuery(q).join(" ");
}

function totalHits(r: SearchResponse<Record<string, unknown>> | undefined): number {
  return r?.totalHits ?? r?.estimatedTotalHits ?? 0;
}

function isNotFound(e: unknown): boolean {
  return (
    e instanceof Error &&
    e.name === "MeilisearchApiError" &&
    ((e as { response?: Response }).response?.status === 404 || /not_found/.test(String((e as { cause?: { code?: string } }).cause?.code)))
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toFacetResult(def: FacetDef, values: FacetCount[], missing: number, limit: number): FacetResult {
  const nonZero = values.filter((v) => v.count > 0);
  if (def.order === "value") return { values: nonZero.sort((a, b) => compare(a.value, b.value)), missing, distinct: nonZero.length };
  const sorted = nonZero.sort((a, b) => b.count - a.count || compare(a.value, b.value));
  return { values: sorted.slice(0, limit), missing, distinct: nonZero.length };
}
