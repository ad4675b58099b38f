import fs from "node:fs";
import path from "node:path";
import { buildGenreCard, toGenreCardMarkdown } from "@/ml/card/genre-card";
import type { GenreMetrics } from "@/ml/evaluate/genre-metrics";
import { genreModelMetaSchema } from "@/ml/model/artifacts";
import { buildFixtureGenreModel } from "./genre-model";

/**
 * A complete model folder for the transparency pages' tests and the e2e server: the hand-built
 * weights of buildFixtureGenreModel plus hand-written metrics.json, thresholds and a card built by
 * the real card code. The figures are chosen, not measured: tests change them and check the pages follow.
 */
export interface FixtureFigures {
  /** Validation confusion matrix [[NF->NF, NF->F], [F->NF, F->F]]. */
  confusion: [[number, number], [number, number]];
  macroF1: number;
  ece: number;
  tfidfMacroF1: number;
  thresholds: { nonFiction: number | null; fiction: number | null };
  coverage: number;
  precision: number;
  /** Language slices: [name, books, error rate]. */
  languages: Array<[string, number, number]>;
}

export const DEFAULT_FIXTURE_FIGURES: FixtureFigures = {
  confusion: [
    [40, 4],
    [6, 10],
  ],
  macroF1: 0.789,
  ece: 0.041,
  tfidfMacroF1: 0.702,
  thresholds: { nonFiction: 0.9, fiction: 0.85 },
  coverage: 0.62,
  precision: 0.97,
  languages: [
    ["English", 40, 0.1],
    ["Dutch", 12, 0.4167],
    ["German", 8, 0.125],
  ],
};

function buildEvaluation(name: string, f: FixtureFigures) {
  const [[tn, fp], [fn, tp]] = f.confusion;
  const n = tn + fp + fn + tp;
  const accuracy = (tn + tp) / n;
  const report = (macroF1: number) => ({
    n,
    accuracy,
    macroF1,
    perClass: [
      { label: "Non-fiction", precision: tn / (tn + fn), recall: tn / (tn + fp), f1: 0, support: tn + fp, predicted: tn + fn },
      { label: "Fiction", precision: tp / (tp + fp), recall: tp / (tp + fn), f1: 0, support: fn + tp, predicted: fp + tp },
    ],
    confusion: f.confusion,
    labels: ["Non-fiction", "Fiction"],
  });
  const slice = ([s, books, errorRate]: [string, number, number]) => ({ slice: s, n: books, fiction: 2, nonFiction: books - 2, macroF1: null, accuracy: 1 - errorRate, errorRate });
  const book = (id: string, label: string, predicted: string, confidence: number) => ({ id, title: `Fixture book ${id}`, language: "English", label, predicted, pFiction: predicted === "Fiction" ? confidence : 1 - confidence, confidence });
  return {
    name,
    n,
    report: report(f.macroF1),
    ece: f.ece,
    reliability: [
      { lower: 0.5, upper: 0.75, count: 20, meanConfidence: 0.64, accuracy: 0.6 },
      { lower: 0.75, upper: 1, count: n - 20, meanConfidence: 0.9, accuracy: 0.88 },
    ],
    coverage: [
      { threshold: 0.5, coverage: 1, precision: accuracy, kept: n },
      { threshold: 0.9, coverage: f.coverage, precision: f.precision, kept: Math.round(f.coverage * n) },
    ],
    thresholds: {
      perClass: [
        { label: "Non-fiction", threshold: f.thresholds.nonFiction, precision: 0.99, kept: 30 },
        { label: "Fiction", threshold: f.thresholds.fiction, precision: 0.99, kept: 8 },
      ],
      chosenOn: "fixture",
      result: { coverage: f.coverage, precision: f.precision, kept: Math.round(f.coverage * n) },
      collectionWeighted: { coverage: f.coverage, precision: f.precision, kept: Math.round(f.coverage * n) },
    },
    slices: {
      language: f.languages.map(slice),
      decade: [slice(["1850s", 30, 0.1]), slice(["1880s", 30, 0.3])],
      titleLength: [slice(["01-05 words", 60, 0.1])],
      fieldsPresent: [slice(["publisher: present", 60, 0.1])],
    },
    mostConfidentErrors: [book("E1", "Fiction", "Non-fiction", 0.97)],
    leastConfidentCorrect: [book("C1", "Non-fiction", "Non-fiction", 0.51)],
    baselines: [
      { name: "majority class", report: report(0.4), ece: 0.2 },
      { name: "TF-IDF logistic regression", report: report(f.tfidfMacroF1), ece: 0.08 },
    ],
  };
}

export async function writeFixtureModelArtifacts(workDir: string, figures: FixtureFigures = DEFAULT_FIXTURE_FIGURES, createdAt = new Date("2026-01-01T00:00:00Z")): Promise<{ dir: string; version: string }> {
  const { dir, version } = await buildFixtureGenreModel(workDir, { novel: 2, history: -3 }, createdAt);
  const metaFile = path.join(dir, "model.json");
  const meta = genreModelMetaSchema.parse(JSON.parse(fs.readFileSync(metaFile, "utf8")));
  meta.thresholds = [
    { label: "Non-fiction", threshold: figures.thresholds.nonFiction, precision: 0.99, kept: 30 },
    { label: "Fiction", threshold: figures.thresholds.fiction, precision: 0.99, kept: 8 },
  ];
  meta.trainingData = { file: "fixture-labels.csv", sha256: "f".repeat(64), rows: 70, books: 60, fiction: 16, nonFiction: 44, extraExamples: 0 };
  fs.writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  const metrics = {
    titleOnly: true,
    validation: buildEvaluation("validation", figures),
    validationHiddenFields: { ...buildEvaluation("validation, hidden-sample fields only", figures), baselines: [] },
    validationTrusted: buildEvaluation("validation, labels that describe their record, hidden-sample fields only", figures),
    untrustedLabels: { policy: "drop-fiction", books: 6, fiction: 2, leftOut: 2, validationBooks: 1 },
    refitCrossValidation: buildEvaluation("refit, cross-validated", figures),
    calibration: {},
    suspectLabels: [],
    splits: { trainBooks: 40, validBooks: 60, folds: 5 },
    extra: {},
    timings: {},
  };
  fs.writeFileSync(path.join(dir, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
  const card = buildGenreCard(meta, metrics as unknown as GenreMetrics);
  fs.writeFileSync(path.join(dir, "card.json"), `${JSON.stringify(card, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "card.md"), toGenreCardMarkdown(card));
  return { dir, version };
}
