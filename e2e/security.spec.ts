import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { buildNeedles, PUBLIC_PATHS, readPasswordHashes, scanDirectory, scanText, type Finding } from "@/lib/security/secret-scan";

/**
 * Security headers, the Content Security Policy in a real browser, request limits and a secrets
 * scan, against a real `next start` on the fixture collection. Runs its own fixture server (port
 * E2E_SECURITY_PORT, default 3800) because it needs known secrets in that server's environment,
 * a staff account in its store, and low rate limits.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_SECURITY_PORT ?? 3800);
const BASE = `http://127.0.0.1:${PORT}`;
// Values from the environment when set (then the build saw them too), else fresh random ones.
const SECRETS = {
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? `e2e-auth-${randomBytes(18).toString("base64url")}`,
  MEILI_API_KEY: process.env.MEILI_API_KEY ?? `e2e-meili-${randomBytes(18).toString("hex")}`,
};
const STAFF = { email: "curator-s@e2e.example", password: "a passphrase for the spec" };
const RATE = { rps: 2, burst: 15 };

let server: ChildProcess | undefined;
let workDir = "";
let serverOutput = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(400_000);
  server = spawn("npx", ["tsx", "e2e/serve-fixture.ts", "--port", String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, ...SECRETS, NEXTAUTH_URL: BASE, API_RATE_LIMIT_RPS: String(RATE.rps), API_RATE_LIMIT_BURST: String(RATE.burst), API_MAX_BODY_BYTES: "8192", BENCH: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.on("data", (c: Buffer) => (serverOutput += c.toString()));
  server.stderr?.on("data", (c: Buffer) => (serverOutput += c.toString()));
  const deadline = Date.now() + 380_000;
  for (;;) {
    const m = /\[serve-fixture\] WORK_DIR (\S+)/.exec(serverOutput);
    if (m?.[1]) workDir = m[1];
    if (workDir) {
      const ok = await fetch(`${BASE}/api/health`, { headers: { "x-forwarded-for": "192.0.2.1" } }).then((r) => r.ok, () => false);
      if (ok) break;
    }
    if (server.exitCode !== null) throw new Error(`fixture server exited:\n${serverOutput.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`fixture server did not come up:\n${serverOutput.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const file = path.join(os.tmpdir(), `e2e-security-pw-${process.pid}`);
  fs.writeFileSync(file, `${STAFF.password}\n`, { mode: 0o600 });
  const added = spawnSync("npm", ["run", "-s", "staff", "--", "add", STAFF.email, "--role", "staff", "--password-file", file], { cwd: ROOT, env: { ...process.env, WORK_DIR: workDir }, encoding: "utf8" });
  fs.rmSync(file, { force: true });
  if (added.status !== 0) throw new Error(`npm run staff add failed: ${added.stderr}`);
});

test.afterAll(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
});

/** Each API call gets its own client address so the low rate limit only bites where a test wants it. */
let clientSeq = 0;
const freshClient = () => ({ "x-forwarded-for": `198.51.100.${(clientSeq++ % 250) + 1}` });

function expectCommonHeaders(headers: Record<string, string>, what: string) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], what).not.toContain("unsafe-inline");
}

async function firstRecordId(): Promise<string> {
  const res = await fetch(`${BASE}/api/search?per_page=1`, { headers: freshClient() });
  const body = (await res.json()) as { hits: Array<{ id: string }> };
  const id = body.hits[0]?.id;
  if (!id) throw new Error("the fixture collection has no records");
  return id;
}

test("every kind of response carries the security headers; pages a per-request nonce on every script", async ({ request }) => {
  const recordId = await firstRecordId();
  const nonces = new Set<string>();
  for (const p of ["/", "/?q=history", `/records/${recordId}`, "/records/no-such-record", "/no-such-page", "/signin"]) {
    const res = await request.get(`${BASE}${p}`);
    const headers = res.headers();
    expectCommonHeaders(headers, p);
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(csp)?.[1];
    expect(nonce, `${p}: ${csp}`).toBeTruthy();
    nonces.add(nonce as string);
    // Every script in the HTML carries this response's nonce: nothing relies on unsafe-inline.
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? "");
    expect(scripts.length, p).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs, `${p}: <script${attrs}>`).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size, "a fresh nonce per response").toBe(6);

  const html = await (await request.get(`${BASE}/`)).text();
  const asset = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  for (const p of [asset as string, "/api/search?q=tales", "/api/health", "/api/no-such-route", "/api/search?page=-1"]) {
    const res = await request.get(`${BASE}${p}`, { headers: freshClient() });
    expect(res.status(), p).toBeLessThan(500);
    expectCommonHeaders(res.headers(), p);
    expect(res.headers()["content-security-policy"], p).toContain("default-src 'none'");
  }
});

/** CSP violations and page errors reported while the page runs. */
async function watchPage(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

test("pages render and hydrate in a real browser with no CSP violation", async ({ page }) => {
  const problems = await watchPage(page);
  const recordId = await firstRecordId();
  for (const p of ["/", "/?q=tales&sort=year_asc", `/records/${recordId}`, "/no-such-page", "/signin"]) {
    await page.goto(`${BASE}${p}`);
    await page.waitForLoadState("load");
    // React marks the elements it has hydrated; an unhydrated (script-blocked) page has none.
    await expect.poll(() => page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__react"))), { message: `${p} hydrates` }).toBe(true);
    const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(violations, `${p}: CSP violations`).toEqual([]);
  }
  // Client-side navigation still works under the policy (scripts loaded after hydration).
  await page.goto(`${BASE}/`);
  await page.getByRole("searchbox").first().fill("tales");
  await page.getByRole("searchbox").first().press("Enter");
  await expect(page).toHaveURL(/q=tales/);
  expect(problems).toEqual([]);
});

test("the policy is enforced: markup injected into a page cannot run script", async ({ page }) => {
  await watchPage(page);
  // Stand-in for a stored-XSS bug: the served HTML gains attacker markup, the headers stay as sent.
  await page.route(`${BASE}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", '<script>window.__injected = "inline"</script><img src="/x.png" onerror="window.__injected = \'handler\'"></body>');
    await route.fulfill({ response, body: html });
  });
  await page.goto(`${BASE}/`);
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  expect(violations.filter((v) => v.startsWith("script-src")).length, violations.join("; ")).toBeGreaterThanOrEqual(2);
  // The page's own (nonced) scripts still ran.
  expect(await page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__react")))).toBe(true);
});

test("API limits: 413 for a large body, 400 for a long q, 429 with Retry-After for one busy client", async ({ request }) => {
  const big = await request.post(`${BASE}/api/search`, { data: "x".repeat(20_000), headers: freshClient() });
  expect(big.status()).toBe(413);
  expect((await big.json()).error).toMatch(/over the limit of 8192 bytes/);

  const longQ = await request.get(`${BASE}/api/search?q=${"a".repeat(600)}`, { headers: freshClient() });
  expect(longQ.status()).toBe(400);
  expect((await longQ.json()).error).toMatch(/q: must be at most 500 characters/);

  const busy = { "x-forwarded-for": "203.0.113.99" };
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < RATE.burst + 10; i++) {
    const res = await request.get(`${BASE}/api/search?q=tales`, { headers: busy });
    statuses.push(res.status());
    if (res.status() === 429) {
      retryAfter = res.headers()["retry-after"];
      expect((await res.json()).error).toMatch(/too many requests/);
    }
  }
  expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(RATE.burst);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  // Another client is not affected.
  expect((await request.get(`${BASE}/api/search?q=tales`, { headers: freshClient() })).status()).toBe(200);
});

test("no secret in the browser bundle or in any response, signed in or not", async ({ page }) => {
  const hashes = readPasswordHashes(path.join(workDir, "store.sqlite"));
  expect(hashes.length, "the staff account's hash is in the store").toBe(1);
  const needles = buildNeedles([{ name: "NEXTAUTH_SECRET", value: SECRETS.NEXTAUTH_SECRET }, { name: "MEILI_API_KEY", value: SECRETS.MEILI_API_KEY }, ...hashes]);
  const findings: Finding[] = [];

  const staticScan = scanDirectory(path.join(ROOT, ".next", "static"), needles);
  findings.push(...staticScan.findings);

  const scanPaths = async (label: string, fetchText: (p: string) => Promise<string>) => {
    for (const p of [...PUBLIC_PATHS, "/api/auth/session", "/admin"]) findings.push(...scanText(await fetchText(p), `${label} GET ${p}`, needles));
  };
  const fetchWith = (cookie?: string) => async (p: string) => {
    const res = await fetch(`${BASE}${p}`, { redirect: "manual", headers: { ...freshClient(), ...(cookie ? { cookie } : {}) } });
    return `${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${await res.text()}`;
  };
  await scanPaths("anonymous", fetchWith());

  // The browser's own API calls (sign-in, session) count against the low test rate limit: give it its own address.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "192.0.2.200" });
  await page.goto(`${BASE}/signin?callbackUrl=/admin`);
  await page.getByLabel("E-mail").fill(STAFF.email);
  await page.getByLabel("Password").fill(STAFF.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${BASE}/admin`);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const session = (await (await fetch(`${BASE}/api/auth/session`, { headers: { ...freshClient(), cookie } })).json()) as { user?: { email?: string } };
  expect(session.user?.email, "signed in").toBe(STAFF.email);
  await scanPaths("signed-in", fetchWith(cookie));
  findings.push(...scanText(await page.content(), "signed-in browser DOM of /admin", needles));

  console.log(`[secrets] ${staticScan.files} files under .next/static and ${2 * (PUBLIC_PATHS.length + 2)} responses scanned for ${needles.length} needle forms of ${2 + hashes.length} secrets: ${findings.length} findings`);
  expect(findings).toEqual([]);
  expect(serverOutput).not.toContain(SECRETS.NEXTAUTH_SECRET);
});
