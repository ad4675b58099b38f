import type { ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { facetCheckbox } from "./helpers";
import { buildVectorsFor, startOwnServer, stopOwnServer } from "./own-server";

/**
 * Issue 9, open facets: a visitor picks five books "more like this", the collection is ranked by
 * the facet, and the page's URL opened afresh (as a shared link) shows the same ranking.
 * Own server (E2E_OPEN_FACET_PORT, default 4012): the book vectors are built into its WORK_DIR.
 */
const PORT = Number(process.env.E2E_OPEN_FACET_PORT ?? 4012);
let server: ChildProcess | undefined;
let base = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

test.beforeAll(async () => {
  test.setTimeout(400_000);
  const started = await startOwnServer(PORT);
  server = started.server;
  base = started.base;
  buildVectorsFor(started.workDir);
});

test.afterAll(() => stopOwnServer(server));

async function rankedIds(page: Page): Promise<string[]> {
  return page.getByTestId("open-facet-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id") ?? ""));
}

async function resultIds(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "Books" }).locator(":scope > li").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id") ?? ""));
}

test("five picks on the search page re-rank the results; the copied URL shows the same ranking, and the facet can filter instead", async ({ page, browser }) => {
  await page.goto(`${base}/?per_page=50`);
  await expect(page.getByTestId("result-count")).toHaveText("30 books match");
  for (let picked = 1; picked <= 5; picked++) {
    await page.getByRole("list", { name: "Books" }).locator(":scope > li").first().getByRole("link", { name: /^More like this/ }).click();
    await expect(page.getByRole("heading", { name: `Open facet: ${picked} more like this, 0 not this` })).toBeVisible();
  }
  await page.getByRole("list", { name: "Books" }).locator(":scope > li").last().getByRole("link", { name: /^Not this/ }).click();
  await expect(page.getByRole("heading", { name: "Open facet: 5 more like this, 1 not this" })).toBeVisible();
  const url = new URL(page.url());
  expect(url.pathname).toBe("/");
  expect(url.searchParams.get("per_page")).toBe("50");
  const picks = [...url.searchParams.get("pos")!.split(","), url.searchParams.get("neg")!];
  expect(picks).toHaveLength(6);
  // Picked books are the examples, not results; every other book is ranked, with its score shown.
  await expect(page.getByTestId("result-count")).toHaveText("24 books match");
  const ranking = await resultIds(page);
  expect(ranking).toHaveLength(24);
  expect(ranking.filter((id) => picks.includes(id))).toEqual([]);
  const scores = (await page.getByTestId("open-facet-score").allInnerTexts()).map((t) => Number(t.replace(/[^\d.]/g, "")));
  expect(scores.length).toBe(24);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);

  const other = await (await browser.newContext()).newPage();
  await other.goto(url.toString());
  expect(await resultIds(other)).toEqual(ranking);
  await expect(other.getByTestId("open-facet-chip").getByRole("listitem")).toHaveCount(6);

  // Filter at the threshold instead of ranking: fewer books, in the query's own order.
  await other.getByRole("link", { name: "Show only books scoring at least 0.5" }).click();
  await expect(other).toHaveURL(/of_mode=filter/);
  const filtered = await resultIds(other);
  expect(filtered.length).toBeLessThan(24);
  expect(filtered.every((id) => ranking.includes(id))).toBe(true);
  // A normal facet filter keeps the picks; removing the open facet goes back to the plain search.
  await facetCheckbox(other, "Place of publication", "London").check();
  await expect(other).toHaveURL(/f\.place=London/);
  expect(new URL(other.url()).searchParams.get("pos")).toBe(url.searchParams.get("pos"));
  await expect(other.getByRole("heading", { name: "Open facet: 5 more like this, 1 not this" })).toBeVisible();
  await other.getByRole("link", { name: "Remove open facet" }).click();
  await expect(other).not.toHaveURL(/pos=/);
  await expect(other.getByTestId("open-facet-chip")).toHaveCount(0);
  await expect(other).toHaveURL(/f\.place=London/);
  await other.close();
});

test("a visitor builds an open facet from five picks; the shared URL shows the same ranking", async ({ page, browser }) => {
  await page.goto(`${base}/`);
  const first = (await resultIds(page))[0]!;
  await page.goto(`${base}/open-facet?pos=${first}`);
  await expect(page.getByTestId("open-facet-summary")).toContainText("Ranked");
  for (let picked = 1; picked < 5; picked++) {
    await page.getByTestId("open-facet-row").first().getByRole("link", { name: /^More like this/ }).click();
    await expect(page.getByRole("heading", { name: `Your picks (${picked + 1} more like this, 0 not this)` })).toBeVisible();
  }
  await page.getByTestId("open-facet-row").last().getByRole("link", { name: /^Not this/ }).click();
  await expect(page.getByRole("heading", { name: "Your picks (5 more like this, 1 not this)" })).toBeVisible();
  const url = page.url();
  expect(new URL(url).searchParams.get("pos")?.split(",")).toHaveLength(5);
  const ranking = await rankedIds(page);
  expect(ranking.length).toBeGreaterThan(5);
  const picks = new URL(url).searchParams.get("pos")!.split(",").concat(new URL(url).searchParams.get("neg")!.split(","));
  expect(ranking.filter((id) => picks.includes(id))).toEqual([]);

  const other = await (await browser.newContext()).newPage();
  await other.goto(url);
  expect(await rankedIds(other)).toEqual(ranking);

  // Save the facet under a name and combine it with a second one; the combined link also round-trips.
  await page.getByLabel("Save these picks as a facet and combine it with another").fill("liked");
  await page.getByRole("button", { name: "Save and start another" }).click();
  await expect(page.getByTestId("saved-facets")).toContainText("liked: 5 more like this, 1 not this");
  await page.getByTestId("open-facet-row").nth(2).getByRole("link", { name: /^More like this/ }).click();
  await expect(page.getByRole("heading", { name: "Your picks (1 more like this, 0 not this)" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("of")).toMatch(/^liked:/);
  const combined = await rankedIds(page);
  await other.goto(page.url());
  expect(await rankedIds(other)).toEqual(combined);

  // Limited to the books matching words: only those are ranked.
  await other.goto(`${base}/open-facet?pos=${first}&q=voyage`);
  await expect(other.getByTestId("open-facet-summary")).toContainText("books matching “voyage”");
  const voyages = await other.getByTestId("open-facet-row").allInnerTexts();
  expect(voyages.length).toBeGreaterThan(0);
  for (const row of voyages) expect(row).toMatch(/voyage/i);

  // A bad id in a shared link is named, not ignored.
  await other.goto(`${base}/open-facet?pos=${encodeURIComponent("<x>")}`);
  await expect(other.getByRole("heading", { name: "This open-facet link is not valid" })).toBeVisible();
  await expect(other.getByText(/pos: "<x>" is not a record id/)).toBeVisible();
});
