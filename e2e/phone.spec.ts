import { expect, test } from "@playwright/test";
import { expectCount, facetCheckbox } from "./helpers";

test("on a phone the filters sit in a disclosure that opens and filters", async ({ page }) => {
  await page.goto("/");
  await expectCount(page, "30 books match, showing 1-20");
  const london = facetCheckbox(page, "Place of publication", "London");
  await expect(london).toBeHidden();
  await page.locator("summary", { hasText: "Filters" }).click();
  await expect(london).toBeVisible();
  await london.check();
  await expectCount(page, "13 books match");
  // The results are still visible without sideways scrolling.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
