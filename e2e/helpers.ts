import { expect, type Locator, type Page } from "@playwright/test";

/** The live region that announces the number of results. */
export function resultCount(page: Page): Locator {
  return page.getByTestId("result-count");
}

export async function expectCount(page: Page, text: string | RegExp): Promise<void> {
  await expect(resultCount(page)).toHaveText(text);
}

/** Result titles in page order. */
export async function resultTitles(page: Page): Promise<string[]> {
  return page.getByRole("list", { name: "Books" }).getByRole("heading", { level: 3 }).allInnerTexts();
}

/** A facet value's checkbox, found the way a screen-reader user would: by its label. */
export function facetCheckbox(page: Page, facetLabel: string, value: string): Locator {
  return page.getByRole("region", { name: facetLabel, exact: true }).getByRole("checkbox", { name: new RegExp(`^${escapeRegExp(value)} [\\d,]+ books$`) });
}

/** The count shown beside a facet value. */
export async function facetValueCount(page: Page, facetLabel: string, value: string): Promise<number> {
  const name = await facetCheckbox(page, facetLabel, value).evaluate((el) => {
    const label = document.querySelector(`label[for="${el.id}"]`);
    return label?.textContent ?? "";
  });
  const m = /([\d,]+) books$/.exec(name.trim());
  if (!m?.[1]) throw new Error(`no count beside ${facetLabel}: ${value} (label "${name}")`);
  return Number(m[1].replace(/,/g, ""));
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Accessible names of form controls, computed from the DOM the way assistive technology does for
 * the cases this app uses: aria-labelledby, aria-label, <label for>, a wrapping <label>, and for
 * buttons their text. Returns the controls that have none.
 */
export async function controlsWithoutName(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
    const controls = Array.from(document.querySelectorAll("input:not([type=hidden]), select, textarea, button, summary, a[href]"));
    const missing: string[] = [];
    for (const el of controls) {
      if ((el as HTMLElement).closest("[hidden], details:not([open]) > :not(summary)")) continue;
      let name = "";
      const labelledBy = el.getAttribute("aria-labelledby");
      if (labelledBy) name = labelledBy.split(/\s+/).map((id) => text(document.getElementById(id))).join(" ");
      if (!name) name = el.getAttribute("aria-label") ?? "";
      if (!name && el.id) name = text(document.querySelector(`label[for="${CSS.escape(el.id)}"]`));
      if (!name) name = text(el.closest("label"));
      if (!name && (el.tagName === "BUTTON" || el.tagName === "SUMMARY" || el.tagName === "A")) name = text(el);
      if (!name.trim()) missing.push(el.outerHTML.slice(0, 160));
    }
    return missing;
  });
}
