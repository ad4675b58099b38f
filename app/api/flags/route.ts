import { clientAddress } from "@/lib/auth/rate-limit";
import { checkBodySize } from "@/lib/http/api-guard";
import { FlagInputError, parseFlagInput } from "@/lib/review/flag-input";
import { getFlagLimiter, getReviewStore, hashClientAddress } from "@/lib/review/server";
import { getStore } from "@/lib/store/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A flag is a few short fields; anything bigger is not a flag. */
const MAX_FLAG_BODY_BYTES = 4 * 1024;

const noStore = { "cache-control": "no-store" };

/**
 * POST /api/flags: anyone may say a predicted value is wrong. JSON answers 201 with the flag id;
 * a plain HTML form (no JavaScript) is sent back to the record page with `?flag=sent`.
 * A flag only joins the staff review queue: it never changes a public facet.
 */
export async function POST(request: Request): Promise<Response> {
  const tooBig = checkBodySize(request, MAX_FLAG_BODY_BYTES);
  if (tooBig) return tooBig;
  const address = clientAddress(request.headers);
  const decision = getFlagLimiter().take(address);
  if (!decision.allowed) {
    return Response.json({ error: `too many flags from this address; retry in ${decision.retryAfterS} s` }, { status: 429, headers: { ...noStore, "retry-after": String(decision.retryAfterS) } });
  }
  const isForm = (request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  let raw: unknown;
  try {
    const body = await request.text();
    if (body.length > MAX_FLAG_BODY_BYTES) return Response.json({ error: `request body over ${MAX_FLAG_BODY_BYTES} bytes` }, { status: 413, headers: noStore });
    raw = isForm ? Object.fromEntries(new URLSearchParams(body)) : JSON.parse(body);
  } catch {
    return Response.json({ error: "the body is not valid JSON or form data" }, { status: 400, headers: noStore });
  }
  try {
    const input = parseFlagInput(raw);
    const store = await getStore();
    if (!store.getRecord(input.record_id)) return Response.json({ error: `no record with id ${input.record_id}` }, { status: 404, headers: noStore });
    const version = store.getCurrentVersion(input.generator);
    const predicted = version ? (store.getPredictionHistory(input.record_id).find((p) => p.generator === input.generator && p.version === version) ?? null) : null;
    const flag = getReviewStore().addFlag({
      recordId: input.record_id,
      generator: input.generator,
      modelVersion: predicted?.version ?? version,
      predictedValue: predicted?.value ?? null,
      suggestedValue: input.suggested,
      comment: input.comment || null,
      ipHash: hashClientAddress(address),
    });
    if (isForm) {
      // Relative on purpose: behind a proxy request.url may name another host, which the page's CSP form-action would block.
      return new Response(null, { status: 303, headers: { ...noStore, location: `/records/${encodeURIComponent(input.record_id)}?flag=sent#corrections` } });
    }
    return Response.json({ id: flag.id, state: flag.state, modelVersion: flag.modelVersion }, { status: 201, headers: noStore });
  } catch (error) {
    if (error instanceof FlagInputError) return Response.json({ error: error.message }, { status: 400, headers: noStore });
    throw error;
  }
}
