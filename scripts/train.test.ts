import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { foldText } from "@/ml/features/char-fold";
import { buildWeakLabelsForTraining, LIFT_FILE, readLiftSummary } from "@/ml/labelling/for-training";
import { toTestRecord } from "@/ml/labelling/testing";

const root = path.join(import.meta.dirname, "..");
const fixtures = path.join(root, "ml", "train", "fixtures");
const labels = path.join(fixtures, "labels.csv");
const collection = path.join(fixtures, "collection.csv");
let workDir: string;

/** `npm run train` on the hand-written fixtures; BL_DATA_DIR is unset so nothing reads the real data. */
async function train(extraArgs: string[]): Promise<{ dir: string; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, WORK_DIR: workDir };
  delete env.BL_DATA_DIR;
  const { stdout } = await promisify(execFile)(
    path.join(root, "node_modules", ".bin", "tsx"),
    ["scripts/train.ts", "--labels", labels, "--work-dir", workDir, "--backend", "wasm", "--epochs", "2", "--no-human-labels", "--no-progress", ...extraArgs],
    { cwd: root, env, maxBuffer: 1 << 24 },
  );
  const dir = /saved to (\S+)/.exec(stdout)?.[1];
  if (!dir) throw new Error(`train printed no model folder:\n${stdout}`);
  return { dir, stdout };
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, any>;

beforeAll(async () => {
  workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "train-weak-"));
});

afterAll(async () => {
  await fs.promises.rm(workDir, { recursive: true, force: true });
});

describe("weak labels for npm run train", () => {
  it("keeps validation books, their titles and review-queue books out of the weak examples", async () => {
    const data = await readLabelledBooks(labels);
    const validation = data.books.filter((b) => b.isValid);
    const reviewBook = { id: "910000007", record: toTestRecord("The haunted mill: a novel", {}, "910000007"), label: "Fiction" as const, weight: 1 };
    const { extra, record } = await buildWeakLabelsForTraining({
      enabled: true,
      collectionFile: collection,
      books: data.books,
      humanExtra: [reviewBook],
      workDir,
    });
    expect(extra.length).toBeGreaterThan(0);
    expect(record.examples).toBe(extra.length);
    const ids = new Set(validation.map((b) => b.id));
    const titles = new Set(validation.map((b) => foldText(b.record.title)));
    for (const e of extra) {
      expect(ids.has(e.id), e.id).toBe(false);
      expect(titles.has(foldText(e.record.title)), e.record.title).toBe(false);
    }
    expect(extra.map((e) => e.id)).not.toContain("910000007");
    // The fixture holds one validation book and two copies of validation titles with other punctuation.
    expect(record.leftOutAsLeaks).toMatchObject({ labelledBook: 1, validationTitle: 2, humanReviewLabel: 1 });
  });

  it("is off, with the reason, when turned off or when the collection file is missing", async () => {
    const data = await readLabelledBooks(labels);
    const off = await buildWeakLabelsForTraining({ enabled: false, collectionFile: collection, books: data.books, workDir });
    expect(off.extra).toEqual([]);
    expect(off.record).toMatchObject({ enabled: false, examples: 0, reason: expect.stringMatching(/--no-weak-labels/) });
    const missing = await buildWeakLabelsForTraining({ enabled: true, collectionFile: path.join(workDir, "nope.csv"), books: data.books, workDir });
    expect(missing.record).toMatchObject({ enabled: false, examples: 0, reason: expect.stringMatching(/nope\.csv not found/) });
  });

  it("caps the weak examples at --max-weak-examples and records the cap", async () => {
    const data = await readLabelledBooks(labels);
    const capped = await buildWeakLabelsForTraining({ enabled: true, collectionFile: collection, books: data.books, workDir, maxExamples: 2 });
    expect(capped.extra).toHaveLength(2);
    expect(capped.record.options.maxExamples).toBe(2);
    expect(capped.record.weakSetStats!.sampledOut).toBeGreaterThan(0);
    await expect(buildWeakLabelsForTraining({ enabled: true, collectionFile: collection, books: data.books, workDir, maxExamples: Number.NaN })).rejects.toThrow(/non-negative integer/);
  });

  it("reads the lift report when there is one, and names a broken one", async () => {
    const liftDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "train-lift-"));
    expect(readLiftSummary(liftDir)).toBeNull();
    const file = path.join(liftDir, LIFT_FILE);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const config = (f1: number) => ({ validation: { macroF1: f1, accuracy: f1 + 0.05 } });
    await fs.promises.writeFile(file, JSON.stringify({ generatedAt: "2026-11-25", humanOnly: config(0.8), withWeakLabels: config(0.85), macroF1Gain: 0.05, chosen: "weak-labels" }));
    expect(readLiftSummary(liftDir)).toMatchObject({ humanOnlyMacroF1: 0.8, withWeakLabelsMacroF1: 0.85, chosen: "weak-labels" });
    await fs.promises.writeFile(file, "{");
    expect(() => readLiftSummary(liftDir)).toThrow(/lift\.json/);
    await fs.promises.rm(liftDir, { recursive: true, force: true });
  });

  it("passes weak examples through the train entry and records them; --no-weak-labels records 0", async () => {
    const on = await train(["--collection", collection]);
    const metrics = readJson(path.join(on.dir, "metrics.json"));
    expect(metrics.weakSupervision.enabled).toBe(true);
    expect(metrics.weakSupervision.examples).toBeGreaterThan(0);
    expect(metrics.weakSupervision.leftOutAsLeaks.validationTitle).toBe(2);
    const model = readJson(path.join(on.dir, "model.json"));
    expect(model.trainingData.extraExamples).toBe(metrics.weakSupervision.examples);
    expect(readJson(path.join(on.dir, "card.json")).weakSupervision.examples).toBe(metrics.weakSupervision.examples);
    for (const f of ["card.md", "report.md"]) expect(fs.readFileSync(path.join(on.dir, f), "utf8"), f).toMatch(/## Weak supervision\n\nWeak labels: \*\*on\*\*/);

    const off = await train(["--collection", collection, "--no-weak-labels"]);
    const offMetrics = readJson(path.join(off.dir, "metrics.json"));
    expect(offMetrics.weakSupervision).toMatchObject({ enabled: false, examples: 0 });
    expect(readJson(path.join(off.dir, "model.json")).trainingData.extraExamples).toBe(0);
    expect(fs.readFileSync(path.join(off.dir, "card.md"), "utf8")).toMatch(/Weak labels: \*\*off\*\* \(turned off with --no-weak-labels\)/);
    expect(off.stdout).toMatch(/Weak labels: OFF/);
  });
});
