import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectCount, facetCheckbox, facetValueCount } from "./helpers";
import { addStaffAccount, buildVectorsFor, signInAs, startOwnServer, stopOwnServer } from "./own-server";

/**
 * Issue 9, promotion: staff promote an open facet (its picks) to a public machine facet, run the
 * ordinary regeneration job, and the public search page shows the new facet (machine-generated,
 * model version, card) with counts, and filters by it; retiring takes it off again.
 * Own server (E2E_PROMOTE_PORT, default 4101): it adds a staff account and vectors to its store.
 */
const PORT = Number(process.env.E2E_PROMOTE_PORT ?? 4101);
const STAFF = { email: "curator@e2e.example", password: "promotion checker passphrase e2e" };
// Travel books of the fixture collection: two voyages, a French and a German journey, letters from the Crimea.
const PICKS = ["090000003", "090000010", "090000020", "090000024", "090000007"];

let server: ChildProcess | undefined;
let base = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

test.beforeAll(async () => {
  test.setTimeout(400_000);
  const started = await startOwnServer(PORT);
  server = started.server;
  base = started.base;
  buildVectorsFor(started.workDir);
  addStaffAccount(started.workDir, STAFF);
});

test.afterAll(() => stopOwnServer(server));

test("staff promote an open facet, regenerate, and the public search page counts and filters by it", async ({ browser }) => {
  const visitor = await (await browser.newContext()).newPage();
  // Before promotion the facet does not exist: a link naming it is refused with the parameter named.
  await visitor.goto(`${base}/?f.travel=yes`);
  await expect(visitor.getByRole("heading", { name: "This search link is not valid" })).toBeVisible();
  // Visitors get no promote link; the admin page is staff only.
  await visitor.goto(`${base}/open-facet?pos=${PICKS.join(",")}`);
  await expect(visitor.getByTestId("open-facet-summary")).toContainText("Ranked");
  await expect(visitor.getByRole("link", { name: "Promote these picks to a public facet" })).toHaveCount(0);

  const staff = await (await browser.newContext()).newPage();
  await signInAs(staff, base, STAFF, `/open-facet?pos=${PICKS.join(",")}&neg=090000001`);
  await expect(staff.getByRole("heading", { name: "Your picks (5 more like this, 1 not this)" })).toBeVisible();
  await staff.getByRole("link", { name: "Promote these picks to a public facet" }).click();
  await expect(staff).toHaveURL(/\/admin\/promoted\?pos=/);
  await expect(staff.getByTestId("promote-form")).toContainText("Not this: The Vicar's Daughter. A novel");
  // A built-in name is refused with the reason, and the picks survive for a second try.
  await staff.getByLabel("Name in URLs (slug)").fill("genre");
  await staff.getByLabel("Label", { exact: true }).fill("Travel");
  await staff.getByRole("button", { name: "Promote to a public facet" }).click();
  await expect(staff.getByTestId("promote-error")).toContainText('slug: "genre" is a built-in facet');
  await staff.getByLabel("Name in URLs (slug)").fill("travel");
  await staff.getByRole("button", { name: "Promote to a public facet" }).click();
  await expect(staff.getByTestId("promote-ok")).toContainText('Promoted "Travel" as f.travel, version 1');
  await expect(staff.getByTestId("promoted").locator("tr", { hasText: "f.travel" })).toContainText("public");

  // The ordinary regeneration job generates it, like genre.
  await staff.goto(`${base}/admin`);
  await staff.getByLabel("Re-predict with the current model").check();
  for (const box of await staff.getByRole("group", { name: "Facets to regenerate" }).getByRole("checkbox").all()) await box.uncheck();
  await staff.getByRole("checkbox", { name: /Travel \(predicted\)/ }).check();
  await staff.getByRole("button", { name: "Regenerate" }).click();
  await expect(staff.getByRole("status").filter({ hasText: /Job \d+ started/ })).toBeVisible();
  await expect(staff.getByTestId("job-progress")).toHaveAttribute("data-state", "done", { timeout: 120_000 });
  await expect(staff.getByTestId("current-open_travel")).toHaveText(/^travel-v1\+vec-/, { timeout: 15_000 });

  // The public search page shows it, marked machine-generated with the model version and card.
  await expect(async () => {
    await visitor.goto(`${base}/`);
    await expect(facetCheckbox(visitor, "Travel (predicted)", "Travel")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const facet = visitor.getByRole("region", { name: "Travel (predicted)", exact: true });
  await expect(facet).toContainText("machine-generated");
  await expect(facet).toContainText(/Model travel-v1\+vec-/);
  const yes = await facetValueCount(visitor, "Travel (predicted)", "Travel");
  const no = await facetValueCount(visitor, "Travel (predicted)", "Not travel");
  expect(yes).toBeGreaterThanOrEqual(PICKS.length);
  expect(yes + no).toBe(30);
  await facetCheckbox(visitor, "Travel (predicted)", "Travel").check();
  await expect(visitor).toHaveURL(/f\.travel=yes/);
  await expectCount(visitor, `${yes} books match`);
  // Each card carries the predicted value the way genre does: confidence, model version, badge to the card.
  await expect(visitor.getByTestId("predicted-travel").first()).toContainText(/Travel \(predicted\) confidence [\d.>]+ model travel-v1\+vec-/);
  const api = (await (await visitor.request.get(`${base}/api/search?f.travel=yes&per_page=100`)).json()) as { total: number; hits: Array<Record<string, unknown>> };
  expect(api.total).toBe(yes);
  expect(api.hits.map((h) => h.id)).toEqual(expect.arrayContaining(PICKS));
  expect(api.hits[0]).toMatchObject({ open_travel: "yes", open_travel_model: expect.stringMatching(/^travel-v1\+vec-/) });
  expect(api.hits[0]!.open_travel_confidence).toBeGreaterThanOrEqual(0.5);

  await facet.getByRole("link", { name: /model card/ }).click();
  await expect(visitor.getByRole("heading", { name: "Model card: Travel (version 1)" })).toBeVisible();
  await expect(visitor.getByTestId("card-picks")).toContainText("More like this: A Voyage round the World in the Years 1838-1842");
  await expect(visitor.getByText(`by ${STAFF.email}`)).toBeVisible();

  // Retired: the facet leaves the search page, and its links say so.
  await staff.goto(`${base}/admin/promoted`);
  await staff.getByRole("button", { name: "Retire Travel" }).click();
  await expect(staff.getByTestId("promote-ok")).toContainText('Retired "Travel"');
  await expect(async () => {
    await visitor.goto(`${base}/?f.travel=yes`);
    await expect(visitor.getByRole("heading", { name: "This search link is not valid" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
});
