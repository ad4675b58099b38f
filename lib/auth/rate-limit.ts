import type { StaffStore } from "@/lib/store/staff";

/**
 * Failed sign-ins are limited per account name and per client address. Attempts are kept in
 * the store, so limits survive restarts and are shared by every server process.
 */
export interface RateLimitPolicy {
  windowMs: number;
  maxAccountFailures: number;
  maxIpFailures: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { windowMs: 15 * 60_000, maxAccountFailures: 5, maxIpFailures: 20 };

export type RateLimitVerdict = { allowed: true } | { allowed: false; reason: "account" | "ip" };

export function checkRateLimit(staff: StaffStore, account: string, ip: string, policy: RateLimitPolicy = DEFAULT_RATE_LIMIT, now = Date.now()): RateLimitVerdict {
  const counts = staff.countFailures(normaliseAccount(account), ip, now - policy.windowMs);
  if (counts.accountFailures >= policy.maxAccountFailures) return { allowed: false, reason: "account" };
  if (counts.ipFailures >= policy.maxIpFailures) return { allowed: false, reason: "ip" };
  return { allowed: true };
}

export function normaliseAccount(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The client address as the nearest proxy saw it. Next sets `x-forwarded-for` to the socket
 * address only when absent, so without a proxy a client can choose it: the per-account limit
 * still holds then; behind a proxy that rewrites the header, the per-address limit holds too.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const forwarded = get("x-forwarded-for");
  if (forwarded) {
    const hops = forwarded.split(",").map((s) => s.trim()).filter(Boolean);
    const last = hops[hops.length - 1];
    if (last) return last.slice(0, 64);
  }
  return (get("x-real-ip") ?? "unknown").slice(0, 64);
}
