import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectCount, facetCheckbox, facetValueCount } from "./helpers";

/*
 * From e2e/fixtures/predictions.csv (live genre version genre-fixture-2): 12 Fiction, 18 Non-fiction.
 * At min_confidence 0.9: Fiction 6 (records 1, 5, 8, 14, 19, 26), Non-fiction 14, and 10 predictions
 * below 0.9 are counted as "uncertain" (Fiction 4, 11, 16, 21, 23, 28; Non-fiction 10, 13, 20, 25).
 */

test("a member of the public filters by predicted genre, raises the threshold and shares the link", async ({ page, context }) => {
  await page.goto("/");
  const genre = page.getByRole("region", { name: "Genre (predicted)", exact: true });
  await expect(genre.getByRole("link", { name: /machine-generated/ })).toHaveAttribute("href", "/about/model/card");
  await expect(genre).toContainText("Model genre-fixture-2, 1 Nov 2026");

  await facetCheckbox(page, "Genre (predicted)", "Fiction").check();
  await expectCount(page, "12 books match");
  await expect(page.getByRole("link", { name: "Remove filter Genre: Fiction (predicted)" })).toBeVisible();

  await page.getByRole("link", { name: "At least 0.9", exact: true }).click();
  await expect(page).toHaveURL(/min_confidence=0\.9/);
  await expectCount(page, "6 books match");
  expect(await facetValueCount(page, "Genre (predicted)", "Fiction")).toBe(6);
  expect(await facetValueCount(page, "Genre (predicted)", "Non-fiction")).toBe(14);
  expect(await facetValueCount(page, "Genre (predicted)", "Uncertain (confidence below 0.9)")).toBe(10);
  await expect(page.getByRole("link", { name: "At least 0.9", exact: true })).toHaveAttribute("aria-current", "true");

  // A custom threshold through the number input.
  await page.getByLabel("Minimum confidence (0 to 1)").fill("0.95");
  await page.getByLabel("Minimum confidence (0 to 1)").press("Enter");
  await expect(page).toHaveURL(/min_confidence=0\.95/);
  // Fiction at >= 0.95: records 1 (0.97), 5 (0.95), 8 (0.99), 14 (0.96).
  await expectCount(page, "4 books match");

  const other = await context.newPage();
  await other.goto(page.url());
  await expectCount(other, "4 books match");
  await expect(other.getByLabel("Minimum confidence (0 to 1)")).toHaveValue("0.95");
  await other.close();
});

test("result cards mark predicted values and a record page shows their provenance and history", async ({ page }) => {
  await page.goto("/?q=Poems%20of%20the%20Fireside");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Poems of the Fireside" }) });
  await expect(card).toContainText("Predicted genre: Fiction");
  await expect(card).toContainText("confidence 0.88");
  await expect(card).toContainText("predicted (confidence 0.97)");

  await page.goto("/records/090000001");
  const machine = page.getByRole("region", { name: "Machine-generated metadata" });
  await expect(machine.getByTestId("predicted-genre")).toHaveText("Fiction");
  await expect(machine).toContainText("genre-fixture-2");
  await expect(machine.getByRole("link", { name: "Read the model card" })).toHaveAttribute("href", "/about/model/card");
  const history = machine.getByRole("table", { name: "Genre: every model version's prediction" });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history.getByRole("row", { name: /genre-fixture-2/ })).toContainText("live, changed");
  await expect(history.getByRole("row", { name: /genre-fixture-1/ })).toContainText("Non-fiction");
});

test("an unknown record id answers not found", async ({ page }) => {
  const response = await page.goto("/records/999999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No book with this record number" })).toBeVisible();
});

test("a crafted back link cannot leave the site", async ({ page }) => {
  await page.goto(`/records/090000002?from=${encodeURIComponent("https://evil.example/?q=x")}`);
  const back = page.getByRole("link", { name: /Back to your search|Search the collection/ }).first();
  const href = await back.getAttribute("href");
  expect(href?.startsWith("/")).toBe(true);
  expect(href?.startsWith("//")).toBe(false);
});

test("the export link downloads every row of the current search, with the predicted fields", async ({ page, request }) => {
  // Fiction at >= 0.9 is 6 books (see the table at the top); two per page, so the export spans pages.
  await page.goto("/?f.genre=Fiction&min_confidence=0.9&per_page=2&sort=year_asc");
  await expectCount(page, /^6 books match/);
  const link = page.getByRole("link", { name: "Export CSV" });
  await expect(link).toHaveAttribute("href", /^\/api\/export\?.*f\.genre=Fiction.*&format=csv$/);
  await expect(link).toHaveAttribute("href", /min_confidence=0\.9/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^bl-books-\d{4}-\d\d-\d\d\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  const [header, ...rows] = text.trimEnd().split("\n");
  const columns = header!.split(",");
  for (const c of ["id", "title", "genre", "genre_confidence", "genre_model", "genre_source", "language", "language_source"]) expect(columns).toContain(c);
  expect(rows).toHaveLength(6);
  const at = (row: string, c: string) => row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, ""))[columns.indexOf(c)];
  const ids = rows.map((r) => at(r, "id")).sort();
  expect(ids).toEqual(["090000001", "090000005", "090000008", "090000014", "090000019", "090000026"]);
  for (const r of rows) {
    expect(at(r, "genre")).toBe("Fiction");
    expect(Number(at(r, "genre_confidence"))).toBeGreaterThanOrEqual(0.9);
    expect(at(r, "genre_model")).toBe("genre-fixture-2");
    expect(at(r, "genre_source")).toBe("predicted");
  }

  const json = await request.get((await page.getByRole("link", { name: "Export JSON" }).getAttribute("href"))!);
  expect(json.status()).toBe(200);
  const body = await json.json();
  expect(body).toMatchObject({ total: 6, truncated: false });
  expect(body.rows.map((r: { id: string }) => r.id).sort()).toEqual(ids);
  expect((await request.get("/api/export?format=xml")).status()).toBe(400);
});

test("a record page offers a RIS citation that marks the predicted genre as machine-generated", async ({ page }) => {
  await page.goto("/records/090000001");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download citation (RIS)" }).click()]);
  expect(download.suggestedFilename()).toBe("the-vicar-s-daughter-a-novel-090000001.ris");
  const ris = fs.readFileSync((await download.path())!, "utf8");
  expect(ris.startsWith("TY  - BOOK\r\n")).toBe(true);
  expect(ris).toContain("TI  - The Vicar's Daughter. A novel\r\n");
  expect(ris).toContain("AU  - Ashworth, Margaret, 1821-1890\r\n");
  expect(ris).toMatch(/UR {2}- http:\/\/access\.bl\.uk\/item\/viewer\/ark:\/81055\//);
  expect(ris).toContain("N1  - Genre predicted by machine learning (not catalogued): Fiction, confidence 0.97, model genre-fixture-2.");
  expect(ris.trimEnd().endsWith("ER  -")).toBe(true);
});

test("the language facet keeps catalogued values only on request", async ({ page }) => {
  // 10 of the 30 fixture records carry a catalogue language (English 7, French 2, German 1); the rest are predicted.
  await page.goto("/");
  const language = page.getByRole("region", { name: "Language", exact: true });
  await expect(language.getByRole("link", { name: /partly machine-generated/ })).toHaveAttribute("href", "/about/model/card");
  await language.getByRole("link", { name: "Language: catalogued values only" }).click();
  await expect(page).toHaveURL(/f\.language_source=catalogue/);
  await expectCount(page, "10 books match");
  expect(await facetValueCount(page, "Language", "English")).toBe(7);
  await page.getByRole("region", { name: "Language", exact: true }).getByRole("link", { name: "Language: show predicted values too" }).click();
  await expect(page).not.toHaveURL(/language_source/);
  await expectCount(page, /^30 books match/);
});
