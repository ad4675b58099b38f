import { toApiSearchResponse, toErrorResponse, toJsonResponse } from "@/lib/search/api";
import { withinSearchBudget } from "@/lib/search/budget";
import { parseSearchParams } from "@/lib/search/params";
import { getSearchEngine } from "@/lib/search/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/search?q=&page=&per_page=&sort=&year_from=&year_to=&f.<facet>=&min_confidence=&facet_limit= */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseSearchParams(new URL(request.url).searchParams);
    const result = await withinSearchBudget(async () => (await getSearchEngine()).search(query));
    return toJsonResponse(toApiSearchResponse(result));
  } catch (error) {
    return toErrorResponse(error);
  }
}
