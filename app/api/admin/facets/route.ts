import { authorizeApi } from "@/lib/auth/guards";
import { getGenerators } from "@/lib/facets/generators";
import { jsonOk } from "@/lib/jobs/api";
import { getFacetStates } from "@/lib/jobs/overview";
import { getJobServices } from "@/lib/jobs/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET: current version, metrics and stored versions of every machine facet (staff). */
export async function GET(request: Request) {
  const auth = await authorizeApi(request, "staff");
  if (!auth.ok) return auth.response;
  return jsonOk({ facets: getFacetStates(getJobServices(), getGenerators().map((g) => g.name)) });
}
