import { authorizeApi } from "@/lib/auth/guards";
import { jsonOk } from "@/lib/jobs/api";
import { getFacetStates } from "@/lib/jobs/overview";
import { getJobServices } from "@/lib/jobs/server";
import { getGeneratorNames } from "@/lib/promotion/sync";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET: current version, metrics and stored versions of every machine facet (staff). */
export async function GET(request: Request) {
  const auth = await authorizeApi(request, "staff");
  if (!auth.ok) return auth.response;
  const services = getJobServices();
  return jsonOk({ facets: getFacetStates(services, getGeneratorNames(services.store.db)) });
}
