import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Low limits so the test reaches them; read once when the proxy first runs.
process.env.API_RATE_LIMIT_RPS = "1";
process.env.API_RATE_LIMIT_BURST = "5";
process.env.API_MAX_BODY_BYTES = "1024";
process.env.BENCH = "1";

let proxy: typeof import("@/proxy").proxy;
let availability: typeof import("@/lib/search/availability");
beforeAll(async () => {
  ({ proxy } = await import("@/proxy"));
  availability = await import("@/lib/search/availability");
});

const req = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
  new NextRequest(new URL(path, "http://portal.test"), init);

describe("proxy: pages", () => {
  it("sends a fresh nonce policy and passes the same policy on to Next in the request", () => {
    const a = proxy(req("/?q=bath", { headers: { "x-nonce": "forged" } }));
    const b = proxy(req("/records/r1"));
    const policy = a.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(b.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
    // NextResponse.next({ request: { headers } }) carries overridden request headers this way.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("gives static files the headers but no nonce", () => {
    const res = proxy(req("/_next/static/chunks/main.js"));
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("proxy: API limits", () => {
  it("refuses a body over the limit with 413 and a message", async () => {
    const res = proxy(req("/api/search", { method: "POST", headers: { "content-length": "4096", "x-forwarded-for": "10.9.9.9" }, body: "x".repeat(4096) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/4096 bytes is over the limit of 1024/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("refuses a body without a length", () => {
    const res = proxy(req("/api/auth/callback/credentials", { method: "POST", headers: { "transfer-encoding": "chunked", "x-forwarded-for": "10.9.9.8" } }));
    expect(res.status).toBe(411);
  });

  it("limits one client with 429 + Retry-After and leaves the others alone", async () => {
    const from = (ip: string) => proxy(req("/api/search?q=a", { headers: { "x-forwarded-for": ip } }));
    const statuses = Array.from({ length: 8 }, () => from("203.0.113.7").status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const refused = from("203.0.113.7");
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await refused.json()).error).toMatch(/too many requests from 203\.0\.113\.7/);
    expect(from("198.51.100.1").status).toBe(200);
  });

  it("keys on the address the nearest proxy saw (rightmost x-forwarded-for)", () => {
    const statuses = Array.from({ length: 7 }, (_, i) => proxy(req("/api/search", { headers: { "x-forwarded-for": `1.1.1.${i}, 192.0.2.5` } })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it("exempts loopback when BENCH=1", () => {
    const statuses = Array.from({ length: 20 }, () => proxy(req("/api/search", { headers: { "x-forwarded-for": "::ffff:127.0.0.1" } })).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe("proxy: search engine down", () => {
  it("answers search pages with a 503 page at once, lets a probe through per interval, and stops when search is back", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    availability.reportSearchUnavailable("Meilisearch unreachable (search)");
    const res = proxy(req("/?q=bath"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^[1-5]$/);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain("The search is temporarily unavailable");
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(proxy(req("/records/r1")).status).toBe(503);
    // Pages that do not need the engine, and the API (which answers 503 JSON itself), pass.
    expect(proxy(req("/signin")).status).toBe(200);
    expect(proxy(req("/api/search", { headers: { "x-forwarded-for": "192.0.2.77" } })).status).toBe(200);
    availability.reportSearchAvailable();
    expect(proxy(req("/?q=bath")).status).toBe(200);
    vi.restoreAllMocks();
  });
});

describe("proxy: staff pages", () => {
  it("sends a visitor without a session cookie to sign in with a 307 that remembers the page", () => {
    const res = proxy(req("/admin/review?tab=flags"));
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("callbackUrl")).toBe("/admin/review?tab=flags");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("lets a request with a session cookie through to the page, which checks the session itself", () => {
    for (const cookie of ["next-auth.session-token=abc", "__Secure-next-auth.session-token=abc", "next-auth.session-token.0=abc"]) {
      const res = proxy(req("/admin", { headers: { cookie } }));
      expect(res.status, cookie).toBe(200);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("does not treat look-alike paths or other cookies as staff pages or sessions", () => {
    expect(proxy(req("/administration")).status).toBe(200);
    expect(proxy(req("/admin", { headers: { cookie: "next-auth.csrf-token=x; session-token=y" } })).status).toBe(307);
  });
});
