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
  await expect(history.getByRole("row", { name: /genre-fixture-2/ })).toContainText("live; changed from the version before");
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
