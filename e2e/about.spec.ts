import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ROOT, startOwnServer, stopOwnServer } from "./own-server";

/**
 * Issue 7, transparency pages: the figures on /about/* are the fixture model's own artifacts
 * (read back from the server's WORK_DIR here, not retyped), and the downloads carry the checksum
 * they announce. Runs its own fixture server (E2E_ABOUT_PORT, default 3951) with the hand-built
 * genre model folder and a hand-written labelled sample, so the shared server stays model-less.
 */

const PORT = Number(process.env.E2E_ABOUT_PORT ?? 3951);
const BASE = `http://127.0.0.1:${PORT}`;

let server: ChildProcess | undefined;
let workDir = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(400_000);
  // BL_DATA_DIR unset: the labelled sample comes from <WORK_DIR>/data, i.e. the fixture labels.
  ({ server, workDir } = await startOwnServer(PORT, { BL_DATA_DIR: "" }, ["--model", "--labels", "e2e/fixtures/labels.csv"]));
});

test.afterAll(() => stopOwnServer(server));

function modelDir(): string {
  const root = path.join(workDir, "models", "genre");
  const [version] = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, "model.json")));
  if (!version) throw new Error(`no fixture model folder in ${root}`);
  return path.join(root, version);
}

function readJson(file: string) {
  return JSON.parse(fs.readFileSync(path.join(modelDir(), file), "utf8"));
}

test("/about/model shows the evaluation JSON's figures", async ({ page }) => {
  const metrics = readJson("metrics.json");
  const meta = readJson("model.json");
  await page.goto(`${BASE}/about/model`);
  await expect(page.getByTestId("model-version")).toContainText(meta.version);
  const headline = page.getByTestId("headline-metrics");
  const first = headline.locator("tbody tr").first();
  await expect(first).toContainText("this model");
  await expect(first).toContainText(metrics.validation.report.macroF1.toFixed(3));
  await expect(first).toContainText(metrics.validation.ece.toFixed(3));
  const tfidf = metrics.validation.baselines.find((b: { name: string }) => b.name.startsWith("TF-IDF"));
  await expect(headline).toContainText(tfidf.report.macroF1.toFixed(3));
  const confusion = page.getByTestId("confusion").locator("tbody tr");
  await expect(confusion.nth(0).locator("td")).toHaveText(metrics.validation.report.confusion[0].map(String));
  await expect(confusion.nth(1).locator("td")).toHaveText(metrics.validation.report.confusion[1].map(String));
  await expect(page.getByTestId("threshold-coverage")).toHaveText(`${(metrics.validation.thresholds.result.coverage * 100).toFixed(1)}%`);
  await expect(page.getByTestId("thresholds")).toContainText(meta.thresholds[0].threshold.toFixed(3));
  await expect(page.getByTestId("slices-language")).toContainText("Dutch");
  await expect(page.getByTestId("confident-errors")).toContainText(metrics.validation.mostConfidentErrors[0].title);
  // Charts are server-drawn SVG with a table beside them.
  await expect(page.locator("figure svg")).toHaveCount(3);
  await expect(page.getByTestId("version-history")).toContainText("genre-fixture-2");
});

test("/about/model/card renders the card and names the weak slices from the artifacts", async ({ page }) => {
  const card = readJson("card.json");
  const metrics = readJson("metrics.json");
  await page.goto(`${BASE}/about/model/card`);
  await expect(page.getByTestId("card-version")).toContainText(card.model.version);
  await expect(page.getByRole("heading", { name: "Intended use" })).toBeVisible();
  await expect(page.getByText(card.intendedUse.primary)).toBeVisible();
  await expect(page.getByTestId("card-training-data")).toContainText(`${card.trainingData.books} books`);
  await expect(page.getByTestId("card-metrics").locator("tbody tr").first()).toContainText(metrics.validation.report.macroF1.toFixed(3));
  // The fixture's Dutch slice errs far more often than the whole (computed on the page from the slices).
  await expect(page.getByTestId("card-bad-slices")).toContainText("Dutch");
  await expect(page.getByTestId("card-licence")).toHaveText(card.model.licence);
  await expect(page.getByRole("heading", { name: "Datasheet for the training data" })).toBeVisible();
});

test("/about/data compares the fixture sample with the fixture collection, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${BASE}/about/data`);
  const labels = fs.readFileSync(path.join(ROOT, "e2e", "fixtures", "labels.csv"), "utf8").trim().split("\n").length - 1;
  const records = fs.readFileSync(path.join(ROOT, "e2e", "fixtures", "collection.csv"), "utf8").trim().split("\n").length - 1;
  await expect(page.getByTestId("inspector-totals")).toContainText(`from ${labels} labelled books`);
  await expect(page.getByTestId("inspector-totals")).toContainText(`holds ${records} records`);
  await expect(page.getByTestId("jsd-language")).toHaveText(/^JSD \d\.\d{3}$/);
  await expect(page.getByTestId("comparison-decade").locator("svg").first()).toBeVisible();
  await expect(page.getByTestId("fiction-by-decade")).toBeAttached();
  await expect(page.getByTestId("completeness")).toContainText("publisher");
  await context.close();
});

test("downloads carry the checksum the page shows, and the evaluation JSON is the model's", async ({ page, request }) => {
  await page.goto(`${BASE}/about/downloads`);
  const shown = (await page.getByTestId("sha256-evaluation.json").textContent())?.trim();
  const response = await request.get(`${BASE}/api/downloads/genre/evaluation.json`);
  expect(response.status()).toBe(200);
  const body = await response.body();
  const actual = createHash("sha256").update(body).digest("hex");
  expect(response.headers()["x-checksum-sha256"]).toBe(actual);
  expect(shown).toBe(actual);
  expect(JSON.parse(body.toString("utf8"))).toEqual(readJson("metrics.json"));

  const csv = await request.get(`${BASE}/api/downloads/genre/predictions.csv`);
  const text = await csv.text();
  expect(createHash("sha256").update(text).digest("hex")).toBe(csv.headers()["x-checksum-sha256"]);
  expect(text.split("\n")[0]).toBe("record_id,value,confidence,model_version");
  expect(text).toContain(",genre-fixture-2\n");

  const archive = await request.get(`${BASE}/api/downloads/genre/model.tar.gz`);
  expect(archive.headers()["content-type"]).toBe("application/gzip");
  expect(createHash("sha256").update(await archive.body()).digest("hex")).toBe(archive.headers()["x-checksum-sha256"]);
});

test("editing the model's artifacts changes the pages on the next request", async ({ page }) => {
  const file = path.join(modelDir(), "metrics.json");
  const original = fs.readFileSync(file, "utf8");
  try {
    const metrics = JSON.parse(original);
    metrics.validation.report.macroF1 = 0.123;
    metrics.refitCrossValidation.slices.language.push({ slice: "Welsh", n: 20, fiction: 10, nonFiction: 10, macroF1: 0.2, accuracy: 0.2, errorRate: 0.8 });
    fs.writeFileSync(file, JSON.stringify(metrics));
    await page.goto(`${BASE}/about/model`);
    await expect(page.getByTestId("headline-metrics").locator("tbody tr").first()).toContainText("0.123");
    await page.goto(`${BASE}/about/model/card`);
    await expect(page.getByTestId("card-bad-slices")).toContainText("Welsh");
  } finally {
    fs.writeFileSync(file, original);
  }
});

test("the footer and the machine-generated mark lead to the transparency pages", async ({ page }) => {
  await page.goto(`${BASE}/`);
  await page.getByRole("link", { name: /^machine-generated/ }).first().click();
  await expect(page).toHaveURL(`${BASE}/about/model/card`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Model card");
  const footer = page.getByRole("navigation", { name: "About this portal" });
  for (const href of ["/about/data", "/about/model", "/about/model/card"]) {
    const link = footer.locator(`a[href="${href}"]`);
    await expect(link).toHaveCount(1);
    const res = await page.request.get(`${BASE}${href}`);
    expect(res.status()).toBe(200);
  }
});
