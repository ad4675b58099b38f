import { spawnSync, type ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { ROOT, startOwnServer, stopOwnServer } from "./own-server";

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
  const built = spawnSync("npx", ["tsx", "scripts/vectors-build.ts", "--no-progress"], { cwd: ROOT, env: { ...process.env, WORK_DIR: started.workDir }, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`vectors:build failed: ${built.stderr}`);
});

test.afterAll(() => stopOwnServer(server));

async function rankedIds(page: Page): Promise<string[]> {
  return page.getByTestId("open-facet-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id") ?? ""));
}

test("a visitor builds an open facet from five picks; the shared URL shows the same ranking", async ({ page, browser }) => {
  await page.goto(`${base}/`);
  // From a search result card into the open facet.
  await page.getByRole("link", { name: /^More like this/ }).first().click();
  await expect(page).toHaveURL(/\/open-facet\?pos=/);
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

  // A bad id in a shared link is named, not ignored.
  await other.goto(`${base}/open-facet?pos=${encodeURIComponent("<x>")}`);
  await expect(other.getByRole("heading", { name: "This open-facet link is not valid" })).toBeVisible();
  await expect(other.getByText(/pos: "<x>" is not a record id/)).toBeVisible();
});
