import { describe, expect, it } from "vitest";
import { applySecurityHeaders, buildNonce, buildPagePolicy, NON_DOCUMENT_POLICY, toFormTargets } from "./security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name as string, values]));
}

describe("page Content Security Policy", () => {
  it("allows scripts only by nonce, never inline, and forbids framing", () => {
    const nonce = buildNonce();
    const d = directives(buildPagePolicy(nonce, { dev: false, https: false }));
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.has("upgrade-insecure-requests")).toBe(false);
    expect(buildPagePolicy(nonce, { dev: false, https: false })).not.toContain("unsafe");
  });

  it("adds what next dev needs only in development, and the upgrade only over https", () => {
    const d = directives(buildPagePolicy("n", { dev: true, https: true }));
    expect(d.get("script-src")).toContain("'unsafe-eval'");
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.has("upgrade-insecure-requests")).toBe(true);
  });

  it("lets the sign-in form reach the single sign-on issuer", () => {
    const targets = toFormTargets(["https://sso.example.org/realms/bl", undefined, "not a url"]);
    expect(targets).toEqual(["https://sso.example.org"]);
    expect(directives(buildPagePolicy("n", { dev: false, https: true, formTargets: targets })).get("form-action")).toEqual(["'self'", "https://sso.example.org"]);
  });

  it("makes a different, unguessable nonce each time", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => buildNonce()));
    expect(seen.size).toBe(1000);
    for (const n of seen) expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("applySecurityHeaders", () => {
  it("sets every header", () => {
    const h = new Headers();
    applySecurityHeaders(h, NON_DOCUMENT_POLICY);
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("permissions-policy")).toContain("camera=()");
    expect(h.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(h.get("content-security-policy")).toContain("default-src 'none'");
  });
});
