import { toResponse } from "@/lib/search/api";
import { handleSearchApi } from "@/lib/search/api-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET /api/search?q=&page=&per_page=&sort=&year_from=&year_to=&f.<facet>=&min_confidence=&facet_limit=
 * Under `npm start` (scripts/serve.ts) the same handler answers before Next's router; this route
 * serves `next dev`, `next start` and any request the fast path passes on.
 */
export async function GET(request: Request): Promise<Response> {
  return toResponse(await handleSearchApi(new URL(request.url).searchParams));
}
