/**
 * One call from labels file to a complete model folder: train (validation run + refit),
 * evaluate, and write weights, model.json, metrics.json, report.md with charts, card.md,
 * card.json and the out-of-fold predictions.
 */
import fs from "node:fs";
import path from "node:path";
import { buildGenreCard, toGenreCardMarkdown } from "@/ml/card/genre-card";
import type { LoadedTf } from "@/ml/backend/load-tf";
import type { LabelledData } from "@/ml/data/read-labelled";
import type { WeightedExample } from "@/ml/data/labelled-books";
import { buildGenreMetrics, type GenreMetrics } from "@/ml/evaluate/genre-metrics";
import { writeGenreReport } from "@/ml/evaluate/report";
import { saveGenreModel, type GenreModelMeta } from "@/ml/model/artifacts";
import { readCodeVersion } from "@/ml/model/code-version";
import { toWeakSupervisionSection, type WeakLabelsRecord } from "@/ml/labelling/for-training";
import type { BaselineFitter, Fitter } from "./fit-pool";
import { trainGenrePipeline, type GenreTrainingResult, type ProgressFn } from "./pipeline";
import type { GenreTrainingSettings } from "./settings";

export interface OutOfFoldPrediction {
  id: string;
  label: string;
  pFiction: number;
  fold: number;
}

export const OUT_OF_FOLD_FILE = "oof-predictions.json";

export interface TrainAndSaveResult {
  dir: string;
  meta: GenreModelMeta;
  metrics: GenreMetrics;
  result: GenreTrainingResult;
}

export async function trainAndSaveGenreModel(options: {
  data: LabelledData;
  settings: GenreTrainingSettings;
  workDir: string;
  tf: LoadedTf;
  extra?: readonly (WeightedExample & { id?: string })[];
  /** Weak-label configuration to record with the model (metrics.json, card, report); its examples are already in `extra`. */
  weakLabels?: WeakLabelsRecord;
  onProgress?: ProgressFn;
  /** Where fits and TF-IDF baselines run (a FitPool's `fit` and `baseline` to use worker threads); default: this thread. */
  fitter?: Fitter;
  baseline?: BaselineFitter;
  createdAt?: Date;
}): Promise<TrainAndSaveResult> {
  const { data, settings } = options;
  const books = data.books;
  const result = await trainGenrePipeline(books, settings, { tf: options.tf, extra: options.extra, onProgress: options.onProgress, fitter: options.fitter, baseline: options.baseline });
  const metrics = buildGenreMetrics(books, result);
  const fiction = books.filter((b) => b.y === 1).length;
  const { dir, meta } = await saveGenreModel(options.workDir, {
    model: result.refit.model,
    createdAt: options.createdAt,
    meta: {
      titleOnly: settings.titleOnly,
      featureConfig: result.featureConfig,
      calibration: result.refit.calibration,
      thresholds: result.refit.thresholds,
      seed: settings.seed,
      hyperparameters: { ...settings.hyperparameters },
      settings: { ...settings },
      backend: { name: options.tf.backend, source: options.tf.source },
      trainingData: { file: path.basename(data.file), sha256: data.sha256, rows: data.rows, books: books.length, fiction, nonFiction: books.length - fiction, extraExamples: result.extra.given - result.extra.excludedAsLeaks },
      codeVersion: readCodeVersion(),
      timings: { ...result.timings },
    },
  });
  const weakSection = options.weakLabels
    ? toWeakSupervisionSection(options.weakLabels, {
        validationMacroF1: metrics.validation.report.macroF1,
        validationAccuracy: metrics.validation.report.accuracy,
        pipelineLeaks: result.extra.excludedAsLeaks,
      })
    : [];
  const weakSupervision = options.weakLabels ? { ...options.weakLabels, excludedByTrainerLeakFilter: result.extra.excludedAsLeaks } : undefined;
  await fs.promises.writeFile(path.join(dir, "metrics.json"), `${JSON.stringify(weakSupervision ? { ...metrics, weakSupervision } : metrics, null, 2)}\n`);
  const oof: OutOfFoldPrediction[] = result.refit.outOfFold.books.map((i, n) => ({
    id: books[i]!.id,
    label: books[i]!.label,
    pFiction: result.refit.outOfFold.pFiction[n]!,
    fold: result.refit.outOfFold.folds![n]!,
  }));
  await fs.promises.writeFile(path.join(dir, OUT_OF_FOLD_FILE), `${JSON.stringify(oof)}\n`);
  const card = buildGenreCard(meta, metrics);
  await fs.promises.writeFile(path.join(dir, "card.json"), `${JSON.stringify(weakSupervision ? { ...card, weakSupervision } : card, null, 2)}\n`);
  await fs.promises.writeFile(path.join(dir, "card.md"), weakSection.length > 0 ? [toGenreCardMarkdown(card).trimEnd(), "", ...weakSection].join("\n") : toGenreCardMarkdown(card));
  await writeGenreReport(dir, metrics, [
    `# Genre model evaluation: ${meta.version}`,
    "",
    `Mode: ${settings.titleOnly ? "title only" : "title + catalogue fields"}; seed ${settings.seed}; backend ${meta.backend.name} (${meta.backend.source}); training data sha256 ${data.sha256.slice(0, 16)}...; ${books.length} books from ${data.rows} rows.`,
    "",
    "Class indices are fixed by one label list (Non-fiction, Fiction); Fiction P/R/F1 are the Fiction class's own figures.",
    ...(weakSection.length > 0 ? ["", ...weakSection.slice(0, -1)] : []),
  ]);
  return { dir, meta, metrics, result };
}

/** Out-of-fold predictions saved with a model (for weak supervision and label review). */
export async function readOutOfFoldPredictions(modelDir: string): Promise<OutOfFoldPrediction[]> {
  return JSON.parse(await fs.promises.readFile(path.join(modelDir, OUT_OF_FOLD_FILE), "utf8")) as OutOfFoldPrediction[];
}
