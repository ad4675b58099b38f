import { NextResponse, type NextRequest } from "next/server";
import { getSharedApiGuard } from "@/lib/http/api-guard";
import { applySecurityHeaders, buildNonce, buildPagePolicy, NON_DOCUMENT_POLICY, toFormTargets } from "@/lib/http/security-headers";
import { buildUnavailablePage } from "@/lib/http/unavailable-page";
import { takeSearchOutage } from "@/lib/search/availability";

/**
 * Runs before every request (no matcher on purpose: static files get the headers too).
 * - pages: a Content Security Policy with a fresh nonce, passed on in the request's CSP header so
 *   Next puts it on its scripts (pages are rendered per request for this; see app/layout.tsx);
 * - /api/*: body-size and per-client rate limits (lib/http/api-guard.ts);
 * - search pages while the search engine is known to be down: a 503 page at once (one request
 *   per interval still goes through as a probe; lib/search/availability.ts);
 * - /admin pages without any session cookie: a 307 to the sign-in page (the pages still check
 *   the session themselves; this only spares anonymous visitors a page that redirects in the browser);
 * - everything: nosniff, referrer policy, frame denial, permissions policy.
 * Authorisation is NOT done here: every admin handler checks the session itself.
 */

/** Staff pages: a visitor without any session cookie is sent to sign in with a real 307. */
const ADMIN_PAGE = /^\/admin(?:\/|$)/;
/** next-auth v4's session cookie, plain or __Secure-, possibly split into .0, .1 chunks. */
const SESSION_COOKIE = /^(?:__Secure-)?next-auth\.session-token(?:\.\d+)?$/;

/** Pages that cannot render without the search engine. */
const SEARCH_PAGE = /^\/(?:$|records\/)/;

const ASSET_PATH = /^\/(?:_next\/(?:static|image)\/|favicon\.ico$|robots\.txt$)/;

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;

  if (pathname.startsWith("/api/")) {
    const refusal = getSharedApiGuard().check(request);
    const response = refusal ? new NextResponse(refusal.body, refusal) : NextResponse.next();
    applySecurityHeaders(response.headers, NON_DOCUMENT_POLICY);
    return response;
  }

  if (ASSET_PATH.test(pathname)) {
    const response = NextResponse.next();
    applySecurityHeaders(response.headers, NON_DOCUMENT_POLICY);
    return response;
  }

  // Only the cookie's presence is checked: a forged or expired cookie gets past this and is
  // refused by the page itself (requireStaff), which is where authorisation lives.
  if (ADMIN_PAGE.test(pathname) && !request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) {
    const signin = new URL("/signin", request.url);
    signin.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    const response = NextResponse.redirect(signin, 307);
    response.headers.set("cache-control", "no-store");
    applySecurityHeaders(response.headers, NON_DOCUMENT_POLICY);
    return response;
  }

  const nonce = buildNonce();
  const policy = buildPagePolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
    formTargets: toFormTargets([process.env.OIDC_ISSUER]),
  });
  if (SEARCH_PAGE.test(pathname) && (request.method === "GET" || request.method === "HEAD")) {
    const outage = takeSearchOutage();
    if (outage) {
      const response = new NextResponse(buildUnavailablePage(nonce, outage.retryAfterS), {
        status: 503,
        headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(outage.retryAfterS), "cache-control": "no-store" },
      });
      applySecurityHeaders(response.headers, policy);
      return response;
    }
  }

  const requestHeaders = new Headers(request.headers);
  // Next reads the nonce from this request header; x-nonce is for our own <Script> tags if any.
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  applySecurityHeaders(response.headers, policy);
  return response;
}
