import { expect, test } from "@playwright/test";
import { expectCount, facetCheckbox, facetValueCount, resultTitles } from "./helpers";

/*
 * Counts are computed by hand from e2e/fixtures/collection.csv and predictions.csv:
 * - "voyage" is in three titles (records 3, 10, 20);
 * - Place London (13 records: 1-12 and 27 "London; New York") OR Edinburgh (13-17), AND predicted
 *   genre Fiction (live version genre-fixture-2: records 1, 4, 5, 8, 11, 14, 16, 19, 21, 23, 26, 28)
 *   gives 1, 4, 5, 8, 11 (London) + 14, 16 (Edinburgh) = 7 books;
 * - the place counts then ignore the place selection (disjunctive) but keep genre = Fiction:
 *   London 5, Edinburgh 2, Paris 2 (19, 21);
 * - the genre counts keep the place selection: Fiction 7, Non-fiction 11.
 */

test("search, filter by two places and a predicted genre, share the link, open a record and come back", async ({ page, context }) => {
  // (1) search
  await page.goto("/");
  await expectCount(page, "30 books match, showing 1-20");
  await page.getByLabel("Search titles, names, places and publishers").fill("voyage");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\?q=voyage$/);
  await expectCount(page, "3 books match");
  const marks = page.getByRole("list", { name: "Books" }).locator("mark");
  await expect(marks).toHaveCount(3);
  await expect(marks.first()).toHaveText(/voyage/i);

  // Back to the whole collection to filter it.
  await page.getByLabel("Search titles, names, places and publishers").fill("");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expectCount(page, "30 books match, showing 1-20");

  // (2) tick two values of one facet and one of another
  await facetCheckbox(page, "Place of publication", "London").check();
  await expect(page).toHaveURL(/f\.place=London/);
  await facetCheckbox(page, "Place of publication", "Edinburgh").check();
  await expect(page).toHaveURL(/f\.place=Edinburgh/);
  await facetCheckbox(page, "Genre (predicted)", "Fiction").check();
  await expect(page).toHaveURL(/f\.genre=Fiction/);

  // (3) hand-computed counts and the chips
  await expectCount(page, "7 books match");
  expect(await resultTitles(page)).toHaveLength(7);
  expect(await facetValueCount(page, "Place of publication", "London")).toBe(5);
  expect(await facetValueCount(page, "Place of publication", "Edinburgh")).toBe(2);
  expect(await facetValueCount(page, "Place of publication", "Paris")).toBe(2);
  expect(await facetValueCount(page, "Genre (predicted)", "Fiction")).toBe(7);
  expect(await facetValueCount(page, "Genre (predicted)", "Non-fiction")).toBe(11);
  const chips = page.getByRole("region", { name: "Active filters:" });
  await expect(chips.getByRole("link", { name: "Remove filter Place of publication: London" })).toBeVisible();
  await expect(chips.getByRole("link", { name: "Remove filter Place of publication: Edinburgh" })).toBeVisible();
  await expect(chips.getByRole("link", { name: "Remove filter Genre: Fiction (predicted)" })).toContainText("predicted");
  await expect(chips.getByRole("link", { name: "Clear all filters" })).toBeVisible();

  // (4) the copied URL gives the same results in a new page
  const sharedUrl = page.url();
  const titles = await resultTitles(page);
  const other = await context.newPage();
  await other.goto(sharedUrl);
  await expectCount(other, "7 books match");
  expect(await resultTitles(other)).toEqual(titles);
  await expect(facetCheckbox(other, "Place of publication", "London")).toBeChecked();
  await expect(facetCheckbox(other, "Genre (predicted)", "Fiction")).toBeChecked();
  await other.close();

  // (5) open a record
  const first = titles[0] ?? "";
  await page.getByRole("link", { name: first, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first);
  await expect(page.getByTestId("catalogue-fields")).toContainText("BL record ID");
  await expect(page.getByRole("link", { name: /View the digitised book/ })).toHaveAttribute("href", /^http:\/\/access\.bl\.uk\/item\/viewer\/ark:\/81055\//);

  // (6) go back to the exact search, by the page's link and by the browser's Back
  await page.getByRole("link", { name: "Back to your search" }).click();
  await expect(page).toHaveURL(sharedUrl);
  await expectCount(page, "7 books match");
  expect(await resultTitles(page)).toEqual(titles);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first);
  await page.goBack();
  await expect(page).toHaveURL(sharedUrl);
  await expectCount(page, "7 books match");
});

test("removing a chip and clearing all filters", async ({ page }) => {
  await page.goto("/?f.place=London&f.place=Edinburgh&f.genre=Fiction");
  await expectCount(page, "7 books match");
  await page.getByRole("link", { name: "Remove filter Place of publication: Edinburgh" }).click();
  await expectCount(page, "5 books match");
  await expect(page).not.toHaveURL(/Edinburgh/);
  await page.getByRole("link", { name: "Clear all filters" }).click();
  await expectCount(page, "30 books match, showing 1-20");
});

test("an impossible combination shows the designed empty state with a way out", async ({ page }) => {
  await page.goto("/?q=voyage&f.place=Dublin");
  await expect(page.getByRole("heading", { name: "No books match" })).toBeVisible();
  await page.getByRole("link", { name: "Remove filter Place of publication: Dublin" }).click();
  await expectCount(page, "3 books match");
});

test("a malformed link explains which parameter is wrong", async ({ page }) => {
  await page.goto("/?per_page=1000");
  await expect(page.getByRole("heading", { name: "This search link is not valid" })).toBeVisible();
  await expect(page.getByText("per_page")).toBeVisible();
});

test("the sort select and pagination keep the rest of the search", async ({ page }) => {
  await page.goto("/?f.place=London&per_page=10");
  await expectCount(page, "13 books match, showing 1-10");
  await page.getByLabel("Sort by").selectOption("year_asc");
  await expect(page).toHaveURL(/sort=year_asc/);
  // Oldest London book: record 10, 1845.
  expect((await resultTitles(page))[0]).toBe("A Voyage round the World in the Years 1838-1842");
  await page.getByRole("navigation", { name: "Pages of results" }).getByRole("link", { name: "Page 2" }).click();
  await expectCount(page, "13 books match, showing 11-13");
  expect(new URL(page.url()).searchParams.get("page")).toBe("2");
  expect(new URL(page.url()).searchParams.get("sort")).toBe("year_asc");
  expect(new URL(page.url()).searchParams.getAll("f.place")).toEqual(["London"]);
});
