import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { addStaffAccount, ROOT, signInAs, startOwnServer, stopOwnServer } from "./own-server";

/**
 * Staff sign-in, regeneration, history and rollback, and refusal of everyone else, against a
 * real `next start` on the fixture collection. This spec runs its own fixture server (port
 * E2E_ADMIN_PORT, default 3710) because it must create accounts in that server's store with
 * `npm run staff`, as an operator would.
 */

const PORT = Number(process.env.E2E_ADMIN_PORT ?? 3710);
const BASE = `http://127.0.0.1:${PORT}`;
const ACCOUNTS = {
  staff: { email: "curator@e2e.example", password: "staff passphrase for e2e" },
  admin: { email: "keeper@e2e.example", password: "admin passphrase for e2e" },
  none: { email: "visitor@e2e.example", password: "roleless passphrase e2e" },
} as const;

let server: ChildProcess | undefined;
let workDir = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(400_000);
  const env: Record<string, string> = { JOB_HEARTBEAT_TIMEOUT_S: "30" };
  if (process.env.NEXTAUTH_SECRET) env.NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET;
  ({ server, workDir } = await startOwnServer(PORT, env));
  for (const role of ["staff", "admin", "none"] as const) addStaffAccount(workDir, ACCOUNTS[role], role);
});

test.afterAll(() => stopOwnServer(server));

const signIn = (page: Page, role: keyof typeof ACCOUNTS, callbackUrl = "/admin") => signInAs(page, BASE, ACCOUNTS[role], callbackUrl);

/** The search API's live model of a facet on one record, once the engine has caught up. */
async function expectSearchModel(request: APIRequestContext, params: string, field: string, expected: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const res = await request.get(`${BASE}/api/search?${params}&per_page=5`);
        const body = (await res.json()) as { hits: Array<Record<string, unknown>> };
        return body.hits.map((h) => h[field]);
      },
      { timeout: 30_000, message: `search ${params}: ${field} should become ${expected}` },
    )
    .toContain(expected);
}

const ADMIN_API: Array<[string, string, unknown?]> = [
  ["GET", "/api/admin/jobs"],
  ["POST", "/api/admin/jobs", { mode: "repredict", generators: ["language"] }],
  ["GET", "/api/admin/jobs/latest"],
  ["POST", "/api/admin/jobs/1/cancel"],
  ["POST", "/api/admin/rollback", { generator: "genre", version: "genre-fixture-1" }],
  ["GET", "/api/admin/staff"],
  ["GET", "/api/admin/facets"],
];

async function callAdminApi(request: APIRequestContext, headers: Record<string, string>) {
  const statuses: Array<[string, number, string]> = [];
  for (const [method, url, body] of ADMIN_API) {
    const res = await request.fetch(`${BASE}${url}`, { method, headers: { origin: BASE, ...headers, ...(body ? { "content-type": "application/json" } : {}) }, data: body ? JSON.stringify(body) : undefined });
    statuses.push([`${method} ${url}`, res.status(), (await res.text()).slice(0, 200)]);
  }
  return statuses;
}

test("an anonymous visitor is refused the admin pages and API, also with a forged x-middleware-subrequest", async ({ page, request }) => {
  const variants: Array<Record<string, string>> = [{}, { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }, { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }];
  for (const headers of variants) {
    for (const [call, status, body] of await callAdminApi(request, headers)) {
      expect(status, `${call} with ${JSON.stringify(headers)}`).toBe(401);
      expect(body).not.toContain("requestedBy");
    }
    for (const url of ["/admin", "/admin/staff", "/admin/labelling"]) {
      const res = await request.get(`${BASE}${url}`, { headers, maxRedirects: 0 });
      const text = await res.text();
      // No session cookie at all: proxy.ts answers with a real redirect before any page renders.
      expect(res.status(), url).toBe(307);
      expect(res.headers()["location"], url).toContain(`/signin?callbackUrl=${encodeURIComponent(url)}`);
      expect(text).not.toContain("History of runs");
      expect(text, url).not.toContain("ml:lf-report");
    }
  }
  await page.goto(`${BASE}/admin`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin/);
  await expect(page.getByRole("heading", { name: "Staff sign-in" })).toBeVisible();
});

test("a wrong password and an unknown account get the same message", async ({ page }) => {
  await page.goto(`${BASE}/signin`);
  await page.getByLabel("E-mail").fill(ACCOUNTS.staff.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#signin-error")).toHaveText("Wrong e-mail address or password.");
  await page.getByLabel("E-mail").fill("nobody@e2e.example");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("#signin-error")).toHaveText("Wrong e-mail address or password.");
});

test("a tampered session cookie counts as anonymous", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "staff");
  await expect(page.getByRole("heading", { name: "Machine-generated facets" })).toBeVisible();
  const cookies = await context.cookies(BASE);
  const session = cookies.find((c) => c.name === "next-auth.session-token");
  expect(session).toBeDefined();
  const value = session!.value;
  const flipped = value.slice(0, 30) + (value[30] === "A" ? "B" : "A") + value.slice(31);
  const cookie = `next-auth.session-token=${flipped}`;
  for (const [call, status] of await callAdminApi(context.request, { cookie })) expect(status, call).toBe(401);
  await context.clearCookies();
  await context.addCookies([{ ...session!, value: flipped }]);
  await page.goto(`${BASE}/admin`);
  await expect(page).toHaveURL(/\/signin/);
  await context.close();
});

test("a signed-in account without a role is refused", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "none");
  await expect(page).toHaveURL(/\/signin\?error=forbidden/);
  await expect(page.getByText("Your account has no staff role.")).toBeVisible();
  await expect(page.getByText("History of runs")).toHaveCount(0);
  for (const [call, status] of await callAdminApi(context.request, {})) expect(status, call).toBe(403);
  await page.goto(`${BASE}/admin/staff`);
  await expect(page).toHaveURL(/\/signin\?error=/);
  await context.close();
});

async function staffPage(browser: Browser, role: "staff" | "admin"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  await expect(page.getByRole("heading", { name: "Machine-generated facets" })).toBeVisible();
  return page;
}

test("staff regenerate with live progress, see the history, and an admin rolls back; search follows each switch", async ({ browser, request }) => {
  const page = await staffPage(browser, "staff");
  const languageBefore = await page.getByTestId("current-language").innerText();
  expect(languageBefore).toBe("language-fixture-1");

  // Staff may not manage accounts or roll back.
  await page.goto(`${BASE}/admin/staff`);
  await expect(page).toHaveURL(/\/signin\?error=admin/);
  const staffRollback = await page.request.post(`${BASE}/api/admin/rollback`, { headers: { origin: BASE, "content-type": "application/json" }, data: JSON.stringify({ generator: "genre", version: "genre-fixture-1" }) });
  expect(staffRollback.status()).toBe(403);
  await page.goto(`${BASE}/admin`);

  // Regenerate the language facet only (the genre model is not trained in the fixture).
  await page.getByLabel("Re-predict with the current model").check();
  for (const box of await page.getByRole("group", { name: "Facets to regenerate" }).getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("checkbox", { name: /Language/ }).check();
  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Job \d+ started/ })).toBeVisible();

  // A second request while it runs is refused with a message.
  const second = await page.request.post(`${BASE}/api/admin/jobs`, { headers: { origin: BASE, "content-type": "application/json" }, data: JSON.stringify({ mode: "repredict", generators: ["language"] }) });
  if (second.status() === 409) expect((await second.json()).error).toContain("only one job runs at a time");
  else expect(second.status(), "the first job may already have finished").toBe(202);

  const progress = page.getByTestId("job-progress");
  await expect(progress).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  await expect(page.getByTestId("job-percent")).toHaveText("100%");
  await expect(page.getByRole("progressbar", { name: /progress/ })).toHaveAttribute("value", "100");

  // The new version is current, in the history, and served by search.
  await expect(page.getByTestId("current-language")).toHaveText(/^lid176-/, { timeout: 15_000 });
  const newVersion = await page.getByTestId("current-language").innerText();
  await expect(page.getByTestId("history")).toContainText(newVersion);
  await expect(page.getByTestId("history")).toContainText(ACCOUNTS.staff.email);
  const facets = (await (await page.request.get(`${BASE}/api/admin/facets`)).json()) as { facets: Array<{ generator: string; current: { version: string; modelVersion: string | null } | null }> };
  const language = facets.facets.find((f) => f.generator === "language")?.current;
  expect(language?.version).toBe(newVersion);
  expect(language?.modelVersion).toBeTruthy();
  await expectSearchModel(request, "f.language_source=predicted", "language_model", language!.modelVersion!);

  // An admin rolls the language facet back, then the genre facet to its first version.
  const admin = await staffPage(browser, "admin");
  const languageVersions = admin.getByTestId("versions-language");
  await languageVersions.getByRole("button", { name: "Roll back language to language-fixture-1" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "language is back on language-fixture-1" })).toBeVisible();
  await expect(admin.getByTestId("current-language")).toHaveText("language-fixture-1");
  await expectSearchModel(request, "f.language_source=predicted", "language_model", "language-fixture-1");

  await expectSearchModel(request, "q=", "genre_model", "genre-fixture-2");
  await admin.getByTestId("versions-genre").getByRole("button", { name: "Roll back genre to genre-fixture-1" }).click();
  await expect(admin.getByTestId("current-genre")).toHaveText("genre-fixture-1");
  await expectSearchModel(request, "q=", "genre_model", "genre-fixture-1");
  await expect(admin.getByTestId("history")).toContainText("Rollback of genre to genre-fixture-1");

  // The account list is there for admins, without password hashes.
  await admin.goto(`${BASE}/admin/staff`);
  await expect(admin.getByTestId("accounts")).toContainText(ACCOUNTS.staff.email);
  expect(await admin.content()).not.toContain("scrypt$");
});

/** Server action ids from the build, so the test can call actions the way a forged request would. */
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename.endsWith("admin/actions.ts") && v.exportedName === name);
  if (!entry) throw new Error(`server action ${name} not found in the build's server-reference-manifest.json`);
  return entry[0];
}

/** Call a `useActionState` server action directly: React's reply encoding of (prevState, formData). */
async function callAction(request: APIRequestContext, name: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  // React's reply encoding: the FormData's entries as "_1_<name>", then the root "0" = [prevState, "$K1"].
  // Order matters (the root is resolved as soon as it arrives), so a FormData, not an object,
  // whose integer-like key "0" would be sent first.
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify([null, "$K1"]));
  return request.post(`${BASE}/admin/staff`, { headers: { origin: BASE, "next-action": actionId(name), accept: "text/x-component", ...headers }, multipart, maxRedirects: 0 });
}

test("server actions refuse anonymous, role-less and staff callers where they lack the role", async ({ browser, request }) => {
  const admin = await staffPage(browser, "admin");
  const accounts = async () => ((await (await admin.request.get(`${BASE}/api/admin/staff`)).json()) as { accounts: Array<{ email: string }> }).accounts.map((a) => a.email);
  const jobs = async () => ((await (await admin.request.get(`${BASE}/api/admin/jobs`)).json()) as { history: unknown[] }).history.length;
  const jobsBefore = await jobs();

  const forged = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
  const callers: Array<[string, APIRequestContext]> = [["anonymous", request]];
  for (const role of ["none", "staff"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, role);
    await page.waitForURL(/\/(admin|signin)/);
    callers.push([role, context.request]);
  }
  for (const [who, caller] of callers) {
    const email = `made-by-${who}@e2e.example`;
    await callAction(caller, "addStaffAction", { email, role: "admin", password: "a long enough passphrase" }, forged);
    expect(await accounts(), `${who} must not add accounts`).not.toContain(email);
    const rollback = await callAction(caller, "rollbackAction", { generator: "language", version: "language-fixture-1" }, forged);
    expect(await rollback.text()).not.toContain("is back on");
    if (who !== "staff") {
      await callAction(caller, "regenerateAction", { mode: "repredict", generators: "language" }, forged);
      expect(await jobs(), `${who} must not start jobs`).toBe(jobsBefore);
    }
  }

  // The same request from an admin works: the refusals above are the checks, not a malformed call.
  await callAction(admin.request, "addStaffAction", { email: "made-by-admin@e2e.example", role: "staff", password: "a long enough passphrase" });
  expect(await accounts()).toContain("made-by-admin@e2e.example");
});
