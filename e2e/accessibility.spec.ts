import { expect, test } from "@playwright/test";
import { controlsWithoutName, expectCount, facetCheckbox } from "./helpers";

test("the facet checkboxes work from the keyboard alone, and focus stays on the ticked box", async ({ page }) => {
  await page.goto("/");
  await expectCount(page, "30 books match, showing 1-20");
  const london = facetCheckbox(page, "Place of publication", "London");
  await london.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/f\.place=London/);
  await expectCount(page, "13 books match");
  // The site-wide live region, which survives the navigation, now reads the new count.
  await expect(page.getByRole("status")).toHaveText("13 books match");
  await expect(facetCheckbox(page, "Place of publication", "London")).toBeFocused();
  await expect(facetCheckbox(page, "Place of publication", "London")).toBeChecked();

  // Tab to the next value and tick it with the keyboard too.
  await page.keyboard.press("Tab");
  const edinburgh = facetCheckbox(page, "Place of publication", "Edinburgh");
  await expect(edinburgh).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/f\.place=Edinburgh/);
  await expectCount(page, "18 books match");
  await expect(page.getByRole("status")).toHaveText("18 books match");
  await expect(facetCheckbox(page, "Place of publication", "Edinburgh")).toBeFocused();

  // And untick it again.
  await page.keyboard.press("Space");
  await expectCount(page, "13 books match");
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

for (const path of ["/", "/?q=history&f.place=London&min_confidence=0.9", "/?q=zzzzqqq", "/records/090000001"]) {
  test(`every control has an accessible name on ${path}`, async ({ page }) => {
    await page.goto(path);
    expect(await controlsWithoutName(page)).toEqual([]);
    // The landmarks screen-reader users jump between.
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);
  });
}

test("the main search controls are reachable by their labels", async ({ page }) => {
  await page.goto("/?q=history");
  await expect(page.getByLabel("Search titles, names, places and publishers")).toHaveValue("history");
  await expect(page.getByLabel("Sort by")).toBeVisible();
  await expect(page.getByLabel("Per page")).toBeVisible();
  await expect(page.getByLabel("From year")).toBeVisible();
  await expect(page.getByLabel("To year")).toBeVisible();
  await expect(page.getByLabel("Minimum confidence (0 to 1)")).toBeVisible();
  await expect(page.getByLabel("Search Publisher")).toBeVisible();
  await expect(page.getByLabel("Search Place of publication")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("3 books match");
});
