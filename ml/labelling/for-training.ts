/**
 * Weak labels for `npm run train` (issue 6, "Training with weak labels" and "Lift"): reads the
 * collection, runs the functions and label model, and describes the configuration so the model
 * folder records what was used and where the lift comparison lives.
 */
import fs from "node:fs";
import path from "node:path";
import { parseRecordsFile } from "@/lib/records/parse";
import type { LabelledBook, WeightedExample } from "@/ml/data/labelled-books";
import { foldText } from "@/ml/features/char-fold";
import { runWeakSupervision } from "./weak-supervision";
import { DEFAULT_WEAK_SET_OPTIONS, type WeakExample, type WeakSetOptions, type WeakSetStats } from "./weak-training";

export const LIFT_FILE = path.join("reports", "labelling", "lift.json");

/** Validation figures of `npm run ml:lf-report -- --lift`, as far as the model card needs them. */
export interface LiftSummary {
  file: string;
  generatedAt: string | null;
  humanOnlyMacroF1: number;
  withWeakLabelsMacroF1: number;
  macroF1Gain: number;
  humanOnlyAccuracy: number;
  withWeakLabelsAccuracy: number;
  chosen: string;
}

export interface WeakLabelsRecord {
  enabled: boolean;
  /** Why weak labels are on or off for this model, in words. */
  reason: string;
  collectionFile: string | null;
  /** Weak examples passed to the trainer. */
  examples: number;
  fiction: number;
  nonFiction: number;
  /** Collection books left out by the weak set's leak filter: labelled ids, validation titles, training titles. */
  leftOutAsLeaks: { labelledBook: number; validationTitle: number; trainingTitle: number; humanReviewLabel: number };
  weakSetStats: WeakSetStats | null;
  options: { minConfidence: number; weightScale: number; maxExamples: number | null; seed: number | null };
  seconds: number;
  lift: LiftSummary | null;
}

const EMPTY_LEAKS = { labelledBook: 0, validationTitle: 0, trainingTitle: 0, humanReviewLabel: 0 };

function toOptions(o: WeakSetOptions): WeakLabelsRecord["options"] {
  return { minConfidence: o.minConfidence, weightScale: o.weightScale, maxExamples: o.maxExamples ?? null, seed: o.seed ?? null };
}

/** Reads `<workDir>/reports/labelling/lift.json` if present; a broken file is an error naming it. */
export function readLiftSummary(workDir: string): LiftSummary | null {
  const file = path.join(workDir, LIFT_FILE);
  if (!fs.existsSync(file)) return null;
  try {
    const j = JSON.parse(fs.readFileSync(file, "utf8")) as {
      generatedAt?: string;
      humanOnly: { validation: { macroF1: number; accuracy: number } };
      withWeakLabels: { validation: { macroF1: number; accuracy: number } };
      macroF1Gain: number;
      chosen: string;
    };
    return {
      file,
      generatedAt: j.generatedAt ?? null,
      humanOnlyMacroF1: j.humanOnly.validation.macroF1,
      withWeakLabelsMacroF1: j.withWeakLabels.validation.macroF1,
      macroF1Gain: j.macroF1Gain,
      humanOnlyAccuracy: j.humanOnly.validation.accuracy,
      withWeakLabelsAccuracy: j.withWeakLabels.validation.accuracy,
      chosen: j.chosen,
    };
  } catch (error) {
    throw new Error(`${file}: not a lift report from npm run ml:lf-report -- --lift (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * The weak examples for one training run. `humanExtra` are books labelled in the review queue:
 * human labels win, so no weak example shares their id or folded title.
 */
export async function buildWeakLabelsForTraining(options: {
  enabled: boolean;
  collectionFile: string | null;
  books: readonly LabelledBook[];
  humanExtra?: readonly (WeightedExample & { id?: string })[];
  workDir: string;
  /** Cap on weak examples (a seeded sample); training time grows with it. Default: DEFAULT_WEAK_SET_OPTIONS.maxExamples. */
  maxExamples?: number;
  onStage?: (stage: string) => void;
}): Promise<{ extra: WeakExample[]; record: WeakLabelsRecord; warnings: string[] }> {
  const lift = readLiftSummary(options.workDir);
  if (options.maxExamples !== undefined && !(Number.isInteger(options.maxExamples) && options.maxExamples >= 0)) {
    throw new Error(`maximum weak examples must be a non-negative integer, got ${options.maxExamples}`);
  }
  const weakSetOptions: WeakSetOptions = { ...DEFAULT_WEAK_SET_OPTIONS, ...(options.maxExamples !== undefined ? { maxExamples: options.maxExamples } : {}) };
  const off = (reason: string): { extra: WeakExample[]; record: WeakLabelsRecord; warnings: string[] } => ({
    extra: [],
    record: { enabled: false, reason, collectionFile: options.collectionFile, examples: 0, fiction: 0, nonFiction: 0, leftOutAsLeaks: { ...EMPTY_LEAKS }, weakSetStats: null, options: toOptions(weakSetOptions), seconds: 0, lift },
    warnings: [],
  });
  if (!options.enabled) return off("turned off with --no-weak-labels");
  if (!options.collectionFile) return off("no collection file: set BL_DATA_DIR or pass --collection");
  if (!fs.existsSync(options.collectionFile)) return off(`collection file ${options.collectionFile} not found`);
  const t0 = performance.now();
  const parsed = await parseRecordsFile(options.collectionFile);
  const warnings = parsed.rejected.slice(0, 5).map((r) => `collection line ${r.line}: ${r.reason} (not used)`);
  if (parsed.rejected.length > 5) warnings.push(`... ${parsed.rejected.length - 5} more collection rows rejected`);
  const result = await runWeakSupervision(parsed.records, options.books, { onStage: options.onStage, weakSet: weakSetOptions });
  const reviewIds = new Set((options.humanExtra ?? []).flatMap((e) => (e.id ? [e.id] : [])));
  const reviewTitles = new Set((options.humanExtra ?? []).map((e) => foldText(e.record.title)));
  const extra = result.weakSet.examples.filter((e) => !reviewIds.has(e.id) && !reviewTitles.has(foldText(e.record.title)));
  const s = result.weakSet.stats;
  const fiction = extra.filter((e) => e.label === "Fiction").length;
  return {
    extra,
    warnings,
    record: {
      enabled: true,
      reason: "default (USE_WEAK_LABELS_BY_DEFAULT: the configuration with the higher validation macro-F1 in the measured lift)",
      collectionFile: options.collectionFile,
      examples: extra.length,
      fiction,
      nonFiction: extra.length - fiction,
      leftOutAsLeaks: { labelledBook: s.labelledBook, validationTitle: s.validationTitle, trainingTitle: s.trainingTitle, humanReviewLabel: result.weakSet.examples.length - extra.length },
      weakSetStats: s,
      options: toOptions(weakSetOptions),
      seconds: (performance.now() - t0) / 1000,
      lift,
    },
  };
}

const f4 = (x: number) => x.toFixed(4);

/** The "Weak supervision" section of report.md and card.md. */
export function toWeakSupervisionSection(
  record: WeakLabelsRecord,
  run: { validationMacroF1: number; validationAccuracy: number; pipelineLeaks: number },
): string[] {
  const lines = ["## Weak supervision", ""];
  if (record.enabled) {
    const o = record.options;
    lines.push(
      `Weak labels: **on** (${record.reason}). ${record.examples} weak examples from ${record.collectionFile} (${record.fiction} Fiction, ${record.nonFiction} Non-fiction), label-model confidence >= ${o.minConfidence}, weight = confidence x ${o.weightScale}, seeded sample of at most ${o.maxExamples ?? "all"} (seed ${o.seed ?? "-"}); rare buckets (< 3 examples) pruned from them and at most 32 optimiser steps per epoch.`,
      "",
      `Left out by the leak filter: ${record.leftOutAsLeaks.labelledBook} labelled books, ${record.leftOutAsLeaks.validationTitle} sharing a validation title, ${record.leftOutAsLeaks.trainingTitle} sharing a training title, ${record.leftOutAsLeaks.humanReviewLabel} with a review-queue label; the trainer's own filter also dropped ${run.pipelineLeaks} weak examples matching a held-out book (counted over every fold fit). Labelling and label model took ${record.seconds.toFixed(1)} s.`,
    );
  } else {
    lines.push(`Weak labels: **off** (${record.reason}). This model trained on human labels only.`);
  }
  lines.push("", `This model's validation run: macro-F1 ${f4(run.validationMacroF1)}, accuracy ${f4(run.validationAccuracy)}.`, "");
  const l = record.lift;
  if (l) {
    lines.push(
      `Lift (from ${l.file}${l.generatedAt ? `, ${l.generatedAt}` : ""}; same trainer and split, one run each):`,
      "",
      "| configuration | validation macro-F1 | validation accuracy |",
      "|---|---|---|",
      `| human labels only | ${f4(l.humanOnlyMacroF1)} | ${f4(l.humanOnlyAccuracy)} |`,
      `| with weak labels | ${f4(l.withWeakLabelsMacroF1)} | ${f4(l.withWeakLabelsAccuracy)} |`,
      "",
      `Gain ${l.macroF1Gain >= 0 ? "+" : ""}${f4(l.macroF1Gain)} macro-F1; kept as default: ${l.chosen}.`,
    );
  } else {
    lines.push(
      "Lift: no lift report found in this working folder. The side-by-side comparison (validation metrics with and without weak labels) is written by `npm run ml:lf-report -- --lift` to `reports/labelling/lift.json`; compare this model with one trained with `--no-weak-labels` (metrics.json `weakSupervision`).",
    );
  }
  lines.push("");
  return lines;
}
