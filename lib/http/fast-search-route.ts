import { getSharedApiGuard } from "@/lib/http/api-guard";
import { type FastRequest, type FastResponse, registerFastRoute } from "@/lib/http/fast-routes";
import { NON_DOCUMENT_POLICY, toSecurityHeaders } from "@/lib/http/security-headers";
import { handleSearchApi } from "@/lib/search/api-handler";

const SECURITY_HEADERS = toSecurityHeaders(NON_DOCUMENT_POLICY);

/**
 * /api/search on the fast path: what proxy.ts does for /api/* (body and rate limits, security
 * headers), then the same handler as the App Router route.
 */
export async function answerSearchFast(request: FastRequest): Promise<FastResponse> {
  const refusal = getSharedApiGuard().check(request);
  if (refusal) {
    return { status: refusal.status, headers: { ...Object.fromEntries(refusal.headers), ...SECURITY_HEADERS }, body: await refusal.text() };
  }
  const payload = await handleSearchApi(request.url.searchParams);
  return { status: payload.status, headers: { ...payload.headers, ...SECURITY_HEADERS }, body: payload.body };
}

export function registerSearchFastRoute(): void {
  registerFastRoute("/api/search", answerSearchFast);
}
