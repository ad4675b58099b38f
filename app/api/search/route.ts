import { toApiSearchResponse, toErrorResponse, toJsonResponse } from "@/lib/search/api";
import { parseSearchParams } from "@/lib/search/params";
import { getSearchEngine } from "@/lib/search/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/search?q=&page=&per_page=&sort=&year_from=&year_to=&f.<facet>=&min_confidence=&facet_limit= */
export async function GET(request: Request): Promise<Response> {
  try {
    const query = parseSearchParams(new URL(request.url).searchParams);
    const engine = await getSearchEngine();
    return toJsonResponse(toApiSearchResponse(await engine.search(query)));
  } catch (error) {
    return toErrorResponse(error);
  }
}
