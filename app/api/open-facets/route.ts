import { z } from "zod";
import { OpenFacetParamsError, parseNamedOpenFacets, parseOpenFacetPicks } from "@/lib/open-facets/params";
import { OpenFacetError } from "@/lib/open-facets/rank";
import { rankOpenFacet } from "@/lib/open-facets/server";
import { VectorFileError } from "@/ml/vectors/vector-file";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const extraSchema = z.object({ q: z.string().trim().max(500).default(""), limit: z.coerce.number().int().min(1).max(500).default(50) });
const noStore = { "cache-control": "no-store" };

/** GET /api/open-facets?pos=<ids>&neg=<ids>&of=<name>:<ids,-ids>&q=&limit=: the books ranked by an open facet trained on the picks. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const params = Object.fromEntries([...new Set(url.searchParams.keys())].map((k) => [k, url.searchParams.getAll(k)]));
  const unknown = Object.keys(params).filter((k) => !["pos", "neg", "of", "q", "limit"].includes(k));
  if (unknown.length) return Response.json({ error: `unknown parameter ${unknown[0]} (known: pos, neg, of, q, limit)` }, { status: 400, headers: noStore });
  try {
    const picks = parseOpenFacetPicks(params);
    const extra = extraSchema.safeParse({ q: url.searchParams.get("q") ?? undefined, limit: url.searchParams.get("limit") ?? undefined });
    if (!extra.success) return Response.json({ error: extra.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400, headers: noStore });
    const saved = parseNamedOpenFacets(params.of);
    const ranking = await rankOpenFacet(picks, extra.data.q, extra.data.limit, saved);
    return Response.json({ picks, saved, ...ranking }, { headers: noStore });
  } catch (error) {
    if (error instanceof OpenFacetParamsError || error instanceof OpenFacetError) return Response.json({ error: error.message }, { status: 400, headers: noStore });
    if (error instanceof VectorFileError) return Response.json({ error: `open facets are not available: ${error.message}` }, { status: 503, headers: noStore });
    throw error;
  }
}
