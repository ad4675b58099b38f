/**
 * Security headers for every response. Pages get a Content Security Policy with a fresh nonce per
 * request (Next reads the nonce from the request's CSP header and puts it on its own scripts and
 * inline styles), so no `unsafe-inline` is needed for scripts or style elements. Everything else
 * (API JSON, static assets) gets a policy that allows nothing to run at all.
 */

export interface PagePolicyOptions {
  /** `next dev` needs eval for React's debugging aids and injects unnonced styles. */
  dev: boolean;
  /** The request came over https (directly or via a proxy): ask browsers to upgrade subresources. */
  https: boolean;
  /** Origins a form may post to or be redirected to, besides our own (the single sign-on issuer). */
  formTargets?: readonly string[];
}

/** 128 random bits, base64: unguessable and valid in a CSP source expression. */
export function buildNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function buildPagePolicy(nonce: string, options: PagePolicyOptions): string {
  const formAction = ["'self'", ...(options.formTargets ?? [])].join(" ");
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load Next's chunks; 'self' is for CSP2-only browsers.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    options.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** For responses that are never rendered as a document of ours (JSON, files). */
export const NON_DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every response carries, whatever its type. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // For browsers that predate frame-ancestors.
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Every security header for a response under `policy`, as a plain record (the custom server writes it as is). */
export function toSecurityHeaders(policy: string): Record<string, string> {
  return { ...COMMON_SECURITY_HEADERS, "Content-Security-Policy": policy };
}

export function applySecurityHeaders(headers: Headers, policy: string): void {
  for (const [name, value] of Object.entries(toSecurityHeaders(policy))) headers.set(name, value);
}

/** Origins of configured single sign-on issuers (the sign-in form is redirected there). */
export function toFormTargets(issuers: ReadonlyArray<string | undefined>): string[] {
  const out: string[] = [];
  for (const issuer of issuers) {
    if (!issuer) continue;
    try {
      out.push(new URL(issuer).origin);
    } catch {
      // An invalid issuer URL is reported by lib/env.ts at start; the policy just leaves it out.
    }
  }
  return out;
}
