import { getHttpLimits } from "@/lib/http/config";
import { JSON_HEADERS, toApiSearchResponse, toErrorPayload, toJsonPayload, type JsonPayload } from "@/lib/search/api";
import { withinSearchBudget } from "@/lib/search/budget";
import { parseSearchParams, SearchParamsError } from "@/lib/search/params";
import { buildResultCache, type ResultCache } from "@/lib/search/result-cache";
import { getSearchEngine, getSearchStatus } from "@/lib/search/server";
import type { SearchQuery } from "@/lib/search/types";

/**
 * GET /api/search, independent of how the request arrived: the App Router route
 * (app/api/search/route.ts) and the custom server's fast path (scripts/serve.ts, via
 * lib/http/fast-routes.ts) both answer with this, so they cannot drift apart.
 * Answers are cached by query and index generation; `x-search-cache: hit|miss` says which.
 */
const KEY = Symbol.for("glam-ml-facets.search-result-cache");
type Holder = { [KEY]?: ResultCache<string> };

export function getSearchResultCache(): ResultCache<string> {
  const holder = globalThis as Holder;
  holder[KEY] ??= buildResultCache<string>(getHttpLimits().SEARCH_CACHE_MB * 1024 * 1024);
  return holder[KEY];
}

/**
 * Promoted facets join the facet table when the search service first reads the store, so in a
 * process that has not searched yet `f.<promoted>` is still unknown: parse again once it has.
 */
async function parseOnceTableLoaded(searchParams: URLSearchParams): Promise<SearchQuery> {
  try {
    return parseSearchParams(searchParams);
  } catch (error) {
    if (!(error instanceof SearchParamsError) || getSearchStatus().state === "ready") throw error;
    await withinSearchBudget(() => getSearchEngine());
    return parseSearchParams(searchParams);
  }
}

export async function handleSearchApi(searchParams: URLSearchParams): Promise<JsonPayload> {
  try {
    const query = await parseOnceTableLoaded(searchParams);
    const cache = getSearchResultCache();
    // Every field of the parsed query, whatever fields it grows: equal queries share an entry.
    const key = JSON.stringify(query);
    // Read before searching: a rebuild finishing meanwhile files the answer under the old generation, never the reverse.
    // The build time is part of it because a rebuild can also come from a new facet table (a promoted facet) at the same revision.
    const status = getSearchStatus();
    const generation = status.revision === null ? null : `${status.revision}@${status.builtAt ?? ""}`;
    const cached = generation === null ? undefined : cache.get(generation, key);
    if (cached !== undefined) return { status: 200, headers: { ...JSON_HEADERS, "x-search-cache": "hit" }, body: cached };
    const result = await withinSearchBudget(async () => (await getSearchEngine()).search(query));
    const payload = toJsonPayload(toApiSearchResponse(result), 200, { "x-search-cache": "miss" });
    // Strings are UTF-16 in memory: two bytes a code unit.
    if (generation !== null) cache.set(generation, key, payload.body, payload.body.length * 2);
    return payload;
  } catch (error) {
    return toErrorPayload(error);
  }
}
