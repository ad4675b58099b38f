import { getFacetTable } from "@/lib/facets/live-table";
import { z } from "zod";
import { type FacetDef } from "@/lib/facets/table";
import { OpenFacetParamsError, parseOpenFacetPicks, toPickParams } from "@/lib/open-facets/params";
import { DEFAULT_FACET_LIMIT, type OpenFacetQuery, type SearchQuery, type SortKey } from "@/lib/search/types";

/**
 * URL / API parameters <-> SearchQuery. The URL is the search state, so parsing is strict
 * (a bad value is an error naming the parameter, never silently ignored) and serialising is
 * canonical (fixed key order, sorted filter values, defaults omitted) so links are stable.
 *
 * Parameters (documented in the README's API section):
 *   q               full-text query (max 500 characters)
 *   page            1-based page number (default 1); a page past the end answers no hits
 *   per_page        hits per page, 1..100 (default 20)
 *   sort            relevance | year_asc | year_desc | title | genre_confidence (default relevance)
 *   year_from       earliest year, inclusive (records without a year are then excluded)
 *   year_to         latest year, inclusive; year_from must not be after year_to
 *   f.<facet>       facet filter, repeatable: OR within a facet, AND across facets
 *   min_confidence  0..1; applies to machine-generated facets only (see lib/search/types.ts)
 *   facet_limit     values per count-ordered facet, 1..1000 (default 50)
 */

export const DEFAULT_PAGE = 1;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
export const MAX_FACET_LIMIT = 1000;
export const MAX_QUERY_LENGTH = 500;
export const MAX_FILTER_VALUE_LENGTH = 300;
export const MAX_YEAR = 9999;

export const SORT_KEYS = ["relevance", "year_asc", "year_desc", "title", "genre_confidence"] as const satisfies readonly SortKey[];

const FILTER_PREFIX = "f.";

const SCALAR_KEYS = ["q", "page", "per_page", "sort", "year_from", "year_to", "min_confidence", "facet_limit"] as const;
type ScalarKey = (typeof SCALAR_KEYS)[number];

/** A parameter the user gave that cannot be accepted; routes map it to HTTP 400. */
export class SearchParamsError extends Error {
  override name = "SearchParamsError";
  constructor(
    /** The offending parameter, e.g. "per_page" or "f.genre". */
    readonly param: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${param}: ${message}`, options);
  }
}

function wholeNumber(param: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `must be a whole number (got "{value}")`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    )
    .describe(param);
}

const scalarSchema = z.object({
  q: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).transform((s) => s.trim()).optional(),
  page: wholeNumber("page", 1, 1_000_000).optional(),
  per_page: wholeNumber("per_page", 1, MAX_PER_PAGE).optional(),
  sort: z.enum(SORT_KEYS, { error: `must be one of ${SORT_KEYS.join(", ")}` }).optional(),
  year_from: wholeNumber("year_from", 0, MAX_YEAR).optional(),
  year_to: wholeNumber("year_to", 0, MAX_YEAR).optional(),
  min_confidence: z
    .string()
    .regex(/^(?:\d+(?:\.\d*)?|\.\d+)$/, `must be a number between 0 and 1 (got "{value}")`)
    .transform(Number)
    .pipe(z.number().min(0, "must be at least 0").max(1, "must be at most 1"))
    .optional(),
  facet_limit: wholeNumber("facet_limit", 1, MAX_FACET_LIMIT).optional(),
});

export interface ParseOptions {
  /**
   * Further parameter names the caller reads itself (e.g. `fq` for facet value search,
   * `format` for export); they are allowed here and left to the caller.
   */
  extraKeys?: readonly string[];
  /** The facet table (default: the project's); tests pass `buildFacetTable([...])` to add a facet. */
  facets?: readonly FacetDef[];
  /** Read open-facet picks (`pos`, `neg`, `of_mode`, `of_min`) into `openFacet`: the search page does, the API does not. */
  openFacet?: boolean;
}

export const OPEN_FACET_KEYS = ["pos", "neg", "of_mode", "of_min"] as const;
export const DEFAULT_OPEN_FACET_MIN = 0.5;

export function defaultSearchQuery(): SearchQuery {
  return {
    q: "",
    page: DEFAULT_PAGE,
    perPage: DEFAULT_PER_PAGE,
    sort: "relevance",
    yearFrom: null,
    yearTo: null,
    filters: {},
    minConfidence: null,
    facetLimit: DEFAULT_FACET_LIMIT,
  };
}

/** Parses (key, value) pairs in the order given; the core of every other parse function. */
export function parseSearchEntries(entries: Iterable<readonly [string, string]>, options: ParseOptions = {}): SearchQuery {
  const extra = new Set(options.extraKeys ?? []);
  const facetNames = (options.facets ?? getFacetTable()).map((f) => f.name);
  const scalars: Partial<Record<ScalarKey, string>> = {};
  const filters: Record<string, string[]> = {};
  const openFacetRaw: Record<string, string[]> = {};

  for (const [key, rawValue] of entries) {
    if (key.startsWith(FILTER_PREFIX)) {
      const facet = key.slice(FILTER_PREFIX.length);
      if (!facetNames.includes(facet)) {
        throw new SearchParamsError(key, `unknown facet "${facet}" (facets: ${facetNames.join(", ")})`);
      }
      const value = rawValue.trim();
      if (value === "") throw new SearchParamsError(key, "empty filter value");
      if (value.length > MAX_FILTER_VALUE_LENGTH) {
        throw new SearchParamsError(key, `filter value longer than ${MAX_FILTER_VALUE_LENGTH} characters`);
      }
      const list = (filters[facet] ??= []);
      if (!list.includes(value)) list.push(value);
      continue;
    }
    if ((SCALAR_KEYS as readonly string[]).includes(key)) {
      const k = key as ScalarKey;
      if (scalars[k] !== undefined) throw new SearchParamsError(key, "given more than once; give it once");
      scalars[k] = rawValue;
      continue;
    }
    if (extra.has(key)) continue;
    if (options.openFacet && (OPEN_FACET_KEYS as readonly string[]).includes(key)) {
      (openFacetRaw[key] ??= []).push(rawValue);
      continue;
    }
    throw new SearchParamsError(key, `unknown parameter (known: ${[...SCALAR_KEYS, "f.<facet>", ...(options.openFacet ? OPEN_FACET_KEYS : []), ...extra].join(", ")})`);
  }

  const result = scalarSchema.safeParse(scalars);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = String(issue?.path[0] ?? "params");
    const given = scalars[param as ScalarKey] ?? "";
    const message = (issue?.message ?? "invalid value").replace("{value}", given);
    throw new SearchParamsError(param, message, { cause: result.error });
  }
  const s = result.data;
  const yearFrom = s.year_from ?? null;
  const yearTo = s.year_to ?? null;
  if (yearFrom !== null && yearTo !== null && yearFrom > yearTo) {
    throw new SearchParamsError("year_from", `${yearFrom} is after year_to ${yearTo}`);
  }
  for (const list of Object.values(filters)) list.sort(compareCodeUnits);
  const openFacet = Object.keys(openFacetRaw).length > 0 ? parseOpenFacetQuery(openFacetRaw) : undefined;

  return {
    q: s.q ?? "",
    page: s.page ?? DEFAULT_PAGE,
    perPage: s.per_page ?? DEFAULT_PER_PAGE,
    sort: s.sort ?? "relevance",
    yearFrom,
    yearTo,
    filters,
    minConfidence: s.min_confidence ?? null,
    facetLimit: s.facet_limit ?? DEFAULT_FACET_LIMIT,
    ...(openFacet ? { openFacet } : {}),
  };
}

function parseOpenFacetQuery(raw: Record<string, string[]>): OpenFacetQuery | undefined {
  let picks: { pos: string[]; neg: string[] };
  try {
    picks = parseOpenFacetPicks(raw);
  } catch (error) {
    if (error instanceof OpenFacetParamsError) throw new SearchParamsError(error.param, error.message.slice(error.param.length + 2), { cause: error });
    throw error;
  }
  for (const key of ["of_mode", "of_min"] as const) if ((raw[key]?.length ?? 0) > 1) throw new SearchParamsError(key, "given more than once; give it once");
  const mode = raw.of_mode?.[0] ?? "rank";
  if (mode !== "rank" && mode !== "filter") throw new SearchParamsError("of_mode", `must be "rank" or "filter" (got "${mode.slice(0, 20)}")`);
  const minText = raw.of_min?.[0];
  const min = minText === undefined ? DEFAULT_OPEN_FACET_MIN : Number(minText);
  if (minText !== undefined && (!/^(?:0?\.\d+|0|1)$/.test(minText) || min <= 0 || min >= 1)) throw new SearchParamsError("of_min", `must be a number between 0 and 1, exclusive (got "${minText.slice(0, 20)}")`);
  if (picks.pos.length === 0 && picks.neg.length === 0) return undefined;
  return { pos: picks.pos, neg: picks.neg, mode, min };
}

/** For route handlers: `parseSearchParams(new URL(request.url).searchParams)`. */
export function parseSearchParams(params: URLSearchParams, options?: ParseOptions): SearchQuery {
  return parseSearchEntries(params.entries(), options);
}

/** Next's `searchParams` object in server components (values are a string or a list for repeated keys). */
export type NextSearchParams = Record<string, string | string[] | undefined>;

export function parseNextSearchParams(params: NextSearchParams, options?: ParseOptions): SearchQuery {
  const entries: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) entries.push([key, v]);
  }
  return parseSearchEntries(entries, options);
}

export type SafeParseResult = { ok: true; query: SearchQuery } | { ok: false; error: SearchParamsError };

/** Same as parseNextSearchParams, for pages that render the message instead of throwing. */
export function safeParseNextSearchParams(params: NextSearchParams, options?: ParseOptions): SafeParseResult {
  try {
    return { ok: true, query: parseNextSearchParams(params, options) };
  } catch (error) {
    if (error instanceof SearchParamsError) return { ok: false, error };
    throw error;
  }
}

/**
 * Canonical URL parameters for a query: q, filters (facet-table order, values sorted), year range,
 * min_confidence, sort, page, per_page, facet_limit; defaults are omitted.
 */
export function toSearchParams(query: SearchQuery, facets: readonly FacetDef[] = getFacetTable()): URLSearchParams {
  const out = new URLSearchParams();
  const q = query.q.trim();
  if (q !== "") out.append("q", q);
  for (const facet of facets) {
    const values = query.filters[facet.name];
    if (!values) continue;
    for (const v of [...new Set(values)].sort(compareCodeUnits)) out.append(`${FILTER_PREFIX}${facet.name}`, v);
  }
  if (query.yearFrom !== null) out.append("year_from", String(query.yearFrom));
  if (query.yearTo !== null) out.append("year_to", String(query.yearTo));
  if (query.minConfidence !== null) out.append("min_confidence", String(query.minConfidence));
  if (query.sort !== "relevance") out.append("sort", query.sort);
  if (query.page !== DEFAULT_PAGE) out.append("page", String(query.page));
  if (query.perPage !== DEFAULT_PER_PAGE) out.append("per_page", String(query.perPage));
  const facetLimit = query.facetLimit ?? DEFAULT_FACET_LIMIT;
  if (facetLimit !== DEFAULT_FACET_LIMIT) out.append("facet_limit", String(facetLimit));
  const of = query.openFacet;
  if (of && of.pos.length + of.neg.length > 0) {
    for (const [key, value] of toPickParams(of)) out.append(key, value);
    if (of.mode !== "rank") out.append("of_mode", of.mode);
    if (of.min !== DEFAULT_OPEN_FACET_MIN) out.append("of_min", String(of.min));
  }
  return out;
}

/** `path?<canonical params>` (just `path` when every parameter is a default). */
export function toSearchHref(query: SearchQuery, path = "/"): string {
  const qs = toSearchParams(query).toString();
  return qs === "" ? path : `${path}?${qs}`;
}

/** Query with one filter value added or removed, back on page 1 (for facet links and chips). */
export function toggleFilter(query: SearchQuery, facet: string, value: string): SearchQuery {
  const current = query.filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value].sort(compareCodeUnits);
  const filters = { ...query.filters };
  if (next.length === 0) delete filters[facet];
  else filters[facet] = next;
  return { ...query, filters, page: DEFAULT_PAGE };
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
