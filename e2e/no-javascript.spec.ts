import { expect, test } from "@playwright/test";
import { expectCount } from "./helpers";

test.use({ javaScriptEnabled: false });

test("without JavaScript the filter form, the facet search and the links still work", async ({ page }) => {
  await page.goto("/?q=");
  await expectCount(page, "30 books match, showing 1-20");
  // The results themselves are on screen, not a loading skeleton waiting for a script.
  await expect(page.getByRole("list", { name: "Books" })).toBeVisible();

  await page.getByRole("checkbox", { name: "London 13 books" }).check();
  await page.getByRole("checkbox", { name: "Edinburgh 5 books" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  // A plain GET submission also sends the empty fields; the page reads them as "not set".
  await expect(page).toHaveURL(/f\.place=London/);
  await expectCount(page, "18 books match");

  // The search box inside the publisher facet, answered by the server.
  await page.getByLabel("Search Publisher").fill("black");
  await page.getByRole("region", { name: "Publisher", exact: true }).getByRole("button", { name: "Find" }).click();
  const matches = page.getByRole("list", { name: /Publisher values matching/ });
  await expect(matches.getByRole("checkbox", { name: "A. & C. Black 1 books" })).toBeVisible();
  await matches.getByRole("checkbox", { name: "A. & C. Black 1 books" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expectCount(page, "1 book matches");

  await page.getByRole("link", { name: "Clear all filters" }).click();
  await expectCount(page, "30 books match, showing 1-20");
});
