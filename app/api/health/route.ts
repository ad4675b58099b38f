import { getSearchStatus } from "@/lib/search/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/health: 200 `{ engine, records }` once the index can serve, 503 while it builds or when it cannot. */
export async function GET(): Promise<Response> {
  const s = getSearchStatus();
  const body = { engine: s.engine, records: s.records, state: s.state, revision: s.revision, built_at: s.builtAt, build_ms: s.lastBuildMs, error: s.error };
  return Response.json(body, { status: s.state === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
