import { clientAddress } from "@/lib/auth/rate-limit";
import { getHttpLimits, type HttpLimits } from "@/lib/http/config";
import { isLoopbackAddress, TokenBucketLimiter } from "@/lib/http/rate-limit";

/**
 * Checks made on every /api/* request before any handler runs: body size and the per-client rate.
 * They refuse with a JSON `{ error }` naming the limit. They are not authorisation (admin routes
 * check the session themselves; see lib/auth/guards.ts).
 */

const METHODS_WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the checks read: a web Request, or the custom server's fast-path request. */
export type GuardedRequest = Pick<Request, "method" | "headers">;

export interface ApiGuard {
  check(request: GuardedRequest): Response | null;
}

export function buildApiGuard(limits: HttpLimits): ApiGuard {
  const limiter = limits.API_RATE_LIMIT_RPS > 0 ? new TokenBucketLimiter({ ratePerSecond: limits.API_RATE_LIMIT_RPS, burst: limits.API_RATE_LIMIT_BURST }) : null;
  const exemptLoopback = limits.BENCH === "1";
  return {
    check(request) {
      const size = checkBodySize(request, limits.API_MAX_BODY_BYTES);
      if (size) return size;
      if (!limiter) return null;
      const client = clientAddress(request.headers);
      if (exemptLoopback && isLoopbackAddress(client)) return null;
      const decision = limiter.take(client);
      if (decision.allowed) return null;
      return Response.json(
        { error: `too many requests from ${client}: at most ${limits.API_RATE_LIMIT_RPS} per second (bursts of ${limits.API_RATE_LIMIT_BURST}); retry in ${decision.retryAfterS} s` },
        { status: 429, headers: { "retry-after": String(decision.retryAfterS), "cache-control": "no-store" } },
      );
    },
  };
}

/** 413 when the declared body is too large; 411 when a body comes without a declared length. */
export function checkBodySize(request: GuardedRequest, maxBytes: number): Response | null {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared.trim()) || !Number.isSafeInteger(n)) {
      return Response.json({ error: `content-length "${declared.slice(0, 40)}" is not a byte count` }, { status: 400, headers: { "cache-control": "no-store" } });
    }
    if (n > maxBytes) {
      return Response.json({ error: `request body of ${n} bytes is over the limit of ${maxBytes} bytes` }, { status: 413, headers: { "cache-control": "no-store" } });
    }
    return null;
  }
  // A streamed (chunked) body has no length to check before reading it; our clients never send one.
  if (request.headers.has("transfer-encoding") && !METHODS_WITHOUT_BODY.has(request.method)) {
    return Response.json({ error: `a request body needs a content-length (at most ${maxBytes} bytes)` }, { status: 411, headers: { "cache-control": "no-store" } });
  }
  return null;
}

const KEY = Symbol.for("glam-ml-facets.api-guard");
type Holder = { [KEY]?: ApiGuard };

/** One guard per process: proxy.ts and the custom server's fast path must share its buckets. */
export function getSharedApiGuard(): ApiGuard {
  const holder = globalThis as Holder;
  holder[KEY] ??= buildApiGuard(getHttpLimits());
  return holder[KEY];
}
