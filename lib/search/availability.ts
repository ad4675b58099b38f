/**
 * Whether the search engine is known to be down, shared in-process between the search service
 * (which reports each outcome) and proxy.ts (which then answers search pages with a 503 page at
 * once instead of rendering each one into the same failure). A circuit breaker: while open, one
 * request per PROBE_INTERVAL_MS goes through to try the engine; its success closes the breaker.
 * Next runs the Node.js proxy in the server's own process, so globalThis is shared with routes.
 */

export const PROBE_INTERVAL_MS = 5_000;

interface State {
  outageSince: number | null;
  reason: string | null;
  lastProbe: number;
}

const KEY = Symbol.for("glam-ml-facets.search-availability");
type Holder = { [KEY]?: State };

function state(): State {
  const holder = globalThis as Holder;
  holder[KEY] ??= { outageSince: null, reason: null, lastProbe: 0 };
  return holder[KEY];
}

export function reportSearchAvailable(): void {
  const s = state();
  if (s.outageSince === null) return;
  s.outageSince = null;
  s.reason = null;
  console.log("[search] the search engine answers again; search pages are served normally");
}

export function reportSearchUnavailable(reason: string, now = Date.now()): void {
  const s = state();
  if (s.outageSince !== null) return;
  s.outageSince = now;
  s.reason = reason;
  s.lastProbe = now;
  console.error(`[search] the search engine is unavailable (${reason}); search pages answer 503 until it returns`);
}

export type Outage = { since: number; reason: string; retryAfterS: number };

/**
 * The outage a request should be refused for, or null when it should go through (no outage, or
 * this request is the probe for its interval).
 */
export function takeSearchOutage(now = Date.now()): Outage | null {
  const s = state();
  if (s.outageSince === null) return null;
  if (now - s.lastProbe >= PROBE_INTERVAL_MS) {
    s.lastProbe = now;
    return null;
  }
  return { since: s.outageSince, reason: s.reason ?? "unknown", retryAfterS: Math.max(1, Math.ceil((PROBE_INTERVAL_MS - (now - s.lastProbe)) / 1000)) };
}

/** The service's current verdict, for /api/health and tests. */
export function getSearchOutage(): { since: number; reason: string } | null {
  const s = state();
  return s.outageSince === null ? null : { since: s.outageSince, reason: s.reason ?? "unknown" };
}
