import { spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ROOT, addStaffAccount, signInAs, startOwnServer, stopOwnServer } from "./own-server";

/**
 * Issue 9, corrections: a visitor flags a predicted genre on a record page (no public change),
 * staff accept it in /admin/review, and the book then carries a human label that the next
 * training counts. Runs its own fixture server (E2E_REVIEW_PORT, default 4010) because it adds
 * a staff account to that server's store.
 */

const PORT = Number(process.env.E2E_REVIEW_PORT ?? 4010);
const BASE = `http://127.0.0.1:${PORT}`;
const STAFF = { email: "reviewer@e2e.example", password: "queue checker passphrase e2e" };
const RECORD = "090000001";

let server: ChildProcess | undefined;
let workDir = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(400_000);
  const started = await startOwnServer(PORT);
  server = started.server;
  workDir = started.workDir;
  addStaffAccount(workDir, STAFF);
});

test.afterAll(() => stopOwnServer(server));

const signIn = (page: Page, callbackUrl: string) => signInAs(page, BASE, STAFF, callbackUrl);

test("a visitor flags a predicted genre; it changes nothing public until staff accept it, then the book has a human label", async ({ page, request, browser }) => {
  await page.goto(`${BASE}/records/${RECORD}`);
  const predicted = (await page.getByTestId("predicted-genre").textContent())?.trim();
  expect(["Fiction", "Non-fiction"]).toContain(predicted);
  const suggested = predicted === "Fiction" ? "Non-fiction" : "Fiction";
  await page.getByText("Is this prediction wrong? (Genre").click();
  await page.getByLabel("The right genre is").selectOption(suggested);
  await page.getByLabel(/Comment/).first().fill("It says 'A novel' on the title page.");
  await page.getByTestId("flag-form-genre").getByRole("button", { name: "Send correction" }).click();
  await expect(page.getByTestId("flag-sent")).toBeVisible();
  await expect(page.getByText("One correction is waiting for staff review.")).toBeVisible();
  // The public prediction and search facet are unchanged.
  await expect(page.getByTestId("predicted-genre")).toHaveText(predicted!);
  await expect(page.getByTestId("human-label")).toHaveCount(0);

  // Bad input is refused, naming the field.
  const bad = await request.post(`${BASE}/api/flags`, { data: { record_id: RECORD, generator: "genre", suggested: "Poetry" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/suggested for genre must be Fiction or Non-fiction/);

  // The review queue is staff only.
  const anonymous = await request.get(`${BASE}/admin/review`, { maxRedirects: 0 });
  expect(anonymous.status()).not.toBe(200);

  const staff = await browser.newPage();
  await signIn(staff, "/admin/review");
  await expect(staff.getByRole("heading", { name: "Review corrections" })).toBeVisible();
  const row = staff.getByTestId("open-flags").locator("tr", { hasText: "The Vicar's Daughter" });
  await expect(row).toContainText("genre-fixture-");
  await row.getByRole("button", { name: /^Accept/ }).click();
  await expect(staff.getByTestId("review-ok")).toContainText(`book ${RECORD} is now labelled ${suggested}`);
  await expect(staff.getByText("No open flags")).toBeVisible();
  await expect(staff.getByText(/1 book\(s\) have a human genre label; the next regeneration trains on them/)).toBeVisible();

  await page.goto(`${BASE}/records/${RECORD}`);
  await expect(page.getByTestId("human-label")).toContainText(suggested);
  await expect(page.getByTestId("human-label")).toContainText("a visitor's correction, accepted by library staff");

  // What the next training reads from this store: the accepted label, counted as new.
  const check = spawnSync("npx", ["tsx", "-e", `import { readHumanGenreLabels } from "./lib/review/training-labels"; console.log(JSON.stringify(readHumanGenreLabels(${JSON.stringify(path.join(workDir, "store.sqlite"))}).map((l) => [l.recordId, l.label, !!l.record])));`], { cwd: ROOT, encoding: "utf8" });
  expect(check.stdout.trim()).toBe(JSON.stringify([[RECORD, suggested, true]]));
  await staff.close();
});
