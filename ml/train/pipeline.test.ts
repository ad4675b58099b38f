import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTf, type LoadedTf } from "@/ml/backend/load-tf";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import type { LabelledBook } from "@/ml/data/labelled-books";
import { buildGenreMetrics, toTrustedSubset } from "@/ml/evaluate/genre-metrics";
import { isTrustedLabel, trainGenrePipeline } from "./pipeline";
import { buildTrainingSettings, type UntrustedLabelPolicy } from "./settings";

const fixtures = path.join(import.meta.dirname, "fixtures");
let tf: LoadedTf;
let books: LabelledBook[];
/** Two training Fiction books, one validation Fiction book and one training Non-fiction book whose annotation came from another book. */
const FROM_ANOTHER_BOOK = new Set(["900000002", "900000003", "900000032", "900000017"]);

beforeAll(async () => {
  tf = await loadTf("wasm");
  const data = await readLabelledBooks(path.join(fixtures, "labels.csv"));
  books = data.books.map((b) => (FROM_ANOTHER_BOOK.has(b.id) ? { ...b, joinMismatch: "annotated place contradicts the record's" } : b));
});

async function run(policy: UntrustedLabelPolicy) {
  const settings = buildTrainingSettings({ titleOnly: false, seed: 3, overrides: { epochs: 4, batchSize: 8, learningRate: 0.05, seeds: [1] }, untrustedLabels: policy });
  settings.folds = 3;
  return trainGenrePipeline(books, settings, { tf });
}
const ids = (indices: readonly number[]) => new Set(indices.map((i) => books[i]!.id));

describe("isTrustedLabel", () => {
  it("trusts every label under keep, Non-fiction ones under drop-fiction, none from another book under drop", () => {
    const fiction = { joinMismatch: "x", y: 1 as const };
    const nonFiction = { joinMismatch: "x", y: 0 as const };
    const fits = { joinMismatch: null, y: 1 as const };
    expect([fiction, nonFiction, fits].map((b) => isTrustedLabel(b, "keep"))).toEqual([true, true, true]);
    expect([fiction, nonFiction, fits].map((b) => isTrustedLabel(b, "drop-fiction"))).toEqual([false, true, true]);
    expect([fiction, nonFiction, fits].map((b) => isTrustedLabel(b, "drop"))).toEqual([false, false, true]);
  });
});

describe("trainGenrePipeline with labels from another book", () => {
  it("keeps untrusted labels out of training, calibration and thresholds, but reports every validation book", async () => {
    const result = await run("drop-fiction");
    const calibrationBooks = ids(result.validation.calibrationFold.books);
    const refitBooks = ids(result.refit.outOfFold.books);
    for (const id of ["900000002", "900000003"]) expect(calibrationBooks.has(id), id).toBe(false);
    expect(calibrationBooks.has("900000017")).toBe(true);
    expect(refitBooks.has("900000032")).toBe(false);
    expect(refitBooks.size).toBe(books.length - 3);
    // The file's validation split stays whole.
    expect(ids(result.validation.predictions.books)).toEqual(new Set(books.filter((b) => b.isValid).map((b) => b.id)));
    // Out-of-fold probabilities are calibrated per fold at every position (positions, not book indices).
    for (const p of result.refit.outOfFold.pFiction) expect(p > 0 && p < 1, String(p)).toBe(true);
    // The metrics count the flagged books and evaluate the trusted validation books apart.
    const metrics = buildGenreMetrics(books, result);
    expect(metrics.untrustedLabels).toEqual({ policy: "drop-fiction", books: 4, fiction: 3, leftOut: 3, validationBooks: 1 });
    expect(metrics.validationTrusted.n).toBe(metrics.validation.n - 1);
    const trusted = toTrustedSubset(books, result.validation.predictions.books);
    expect(trusted.books.map((i) => books[i]!.id)).not.toContain("900000032");
    expect(trusted.pick(result.validation.baselines.tfidf)).toHaveLength(trusted.books.length);
  });

  it("trains on every label under keep", async () => {
    const result = await run("keep");
    expect(result.refit.outOfFold.books.length).toBe(books.length);
    expect(result.validation.calibrationFold.books.length).toBe(books.filter((b) => !b.isValid).length);
  });
});
