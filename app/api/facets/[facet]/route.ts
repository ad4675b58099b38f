import { getFacetTable } from "@/lib/facets/live-table";
import { getFacet } from "@/lib/facets/table";
import { toErrorResponse, toJsonResponse } from "@/lib/search/api";
import { withinSearchBudget } from "@/lib/search/budget";
import { parseSearchParams, SearchParamsError } from "@/lib/search/params";
import { getSearchEngine } from "@/lib/search/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const DEFAULT_FACET_SEARCH_LIMIT = 20;
const MAX_FACET_SEARCH_LIMIT = 200;

/**
 * GET /api/facets/<facet>?fq=<text>&limit=<n>&<search params>: values of one facet containing the
 * text (accents and case folded, word prefixes first), counted under the search's other filters.
 */
export async function GET(request: Request, context: { params: Promise<{ facet: string }> }): Promise<Response> {
  try {
    const { facet } = await context.params;
    // Starting the engine installs the facet table with promoted facets before the name is checked.
    await getSearchEngine();
    if (!getFacet(facet, getFacetTable())) throw new SearchParamsError("facet", `unknown facet "${facet}"`);
    const params = new URL(request.url).searchParams;
    const query = parseSearchParams(params, { extraKeys: ["fq", "limit"] });
    const text = params.get("fq") ?? "";
    if (params.getAll("fq").length > 1) throw new SearchParamsError("fq", "given more than once; give it once");
    const limit = parseLimit(params.get("limit"));
    const values = await withinSearchBudget(async () => (await getSearchEngine()).searchFacetValues(query, facet, text, limit));
    return toJsonResponse({ facet, fq: text, values });
  } catch (error) {
    return toErrorResponse(error);
  }
}

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_FACET_SEARCH_LIMIT;
  if (!/^\d+$/.test(raw)) throw new SearchParamsError("limit", `must be a whole number (got "${raw}")`);
  const n = Number(raw);
  if (n < 1 || n > MAX_FACET_SEARCH_LIMIT) throw new SearchParamsError("limit", `must be between 1 and ${MAX_FACET_SEARCH_LIMIT}`);
  return n;
}
