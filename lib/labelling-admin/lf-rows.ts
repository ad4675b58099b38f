/**
 * Turns the LF report (lib/about/artifacts.ts reader) into what the staff page /admin/labelling
 * renders, so the page only lays out strings and the formatting is unit-tested.
 */
import type { LfReportFile } from "@/lib/about/artifacts";

export interface LfRow {
  name: string;
  description: string;
  labels: string;
  trainCoverage: string;
  trainOverlaps: string;
  trainConflicts: string;
  /** Empirical accuracy on the labelled training books, with right/wrong counts. */
  trainAccuracy: string;
  collectionCoverage: string;
  collectionOverlaps: string;
  collectionConflicts: string;
  learnedAccuracy: string;
  examples: Array<{ id: string; title: string; vote: string }>;
}

export interface LfComparisonRow {
  method: string;
  scored: string;
  accuracy: string;
  macroF1: string;
}

export interface LfLift {
  humanOnlyMacroF1: string;
  withWeakMacroF1: string;
  macroF1Gain: string;
  accuracyGain: string;
  chosen: string;
  validationBooks: number;
}

/** A missing figure (older reports have no overlaps) shows as a dash, never as 0. */
const pct = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "–" : `${(100 * x).toFixed(1)}%`);
const dec = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(3));
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(3)}`;

export function toLfRows(report: LfReportFile): LfRow[] {
  return report.functions.map((f) => {
    const l = f.training.labelled;
    return {
      name: f.name,
      description: f.description,
      labels: f.polarity.join(", ") || "–",
      trainCoverage: pct(f.training.coverage),
      trainOverlaps: pct(f.training.overlaps),
      trainConflicts: pct(f.training.conflicts),
      trainAccuracy: l ? `${dec(l.accuracy)} (${l.correct} right, ${l.incorrect} wrong)` : "–",
      collectionCoverage: pct(f.collection.coverage),
      collectionOverlaps: pct(f.collection.overlaps),
      collectionConflicts: pct(f.collection.conflicts),
      learnedAccuracy: dec(f.learnedAccuracy),
      examples: f.examples.map((e) => ({ id: e.id, title: e.title, vote: e.vote })),
    };
  });
}

/** Label model vs majority vote on the training books the functions cover; empty when the report has no comparison. */
export function toLfComparisonRows(report: LfReportFile): LfComparisonRow[] {
  const c = report.labelModel?.comparison;
  if (!c) return [];
  return [
    { method: "Label model (Dawid-Skene)", score: c.labelModel },
    { method: `Majority vote (ties to ${c.tieBreak})`, score: c.majorityVote },
  ].map(({ method, score }) => ({ method, scored: String(score.scored), accuracy: dec(score.accuracy), macroF1: dec(score.macroF1) }));
}

export function toLfLift(report: LfReportFile): LfLift | null {
  const l = report.lift;
  if (!l) return null;
  return {
    humanOnlyMacroF1: dec(l.humanOnly.validation.macroF1),
    withWeakMacroF1: dec(l.withWeakLabels.validation.macroF1),
    macroF1Gain: signed(l.macroF1Gain),
    accuracyGain: signed(l.accuracyGain),
    chosen: l.chosen,
    validationBooks: l.validationBooks,
  };
}
