/** Markdown report with SVG charts, written next to metrics.json in the model folder. */
import fs from "node:fs";
import path from "node:path";
import { confusionSpec, coverageSpec, reliabilitySpec, toSvg } from "./charts";
import type { EvaluatedBook, GenreEvaluation } from "./evaluate-genre";
import type { GenreMetrics } from "./genre-metrics";
import type { ClassificationReport, SliceResult } from "./metrics";

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? "-" : x.toFixed(3));
// Older metrics files may lack a field: show "-" rather than fail on a redraw.
const f1 = (x: number | undefined) => (x === undefined ? "-" : x.toFixed(1));
const escapeCell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function reportRow(name: string, r: ClassificationReport, ece: number): string {
  const [nf, fi] = r.perClass;
  return `| ${name} | ${f3(r.accuracy)} | ${f3(r.macroF1)} | ${f3(fi!.precision)} | ${f3(fi!.recall)} | ${f3(fi!.f1)} | ${f3(nf!.precision)} | ${f3(nf!.recall)} | ${f3(nf!.f1)} | ${f3(ece)} |`;
}

export function comparisonTable(e: GenreEvaluation): string {
  return [
    "| model | accuracy | macro-F1 | Fiction P | Fiction R | Fiction F1 | Non-fiction P | Non-fiction R | Non-fiction F1 | ECE |",
    "|---|---|---|---|---|---|---|---|---|---|",
    reportRow("**genre model**", e.report, e.ece),
    ...e.baselines.map((b) => reportRow(b.name, b.report, b.ece)),
  ].join("\n");
}

function confusionTable(r: ClassificationReport): string {
  return [
    `| actual \\ predicted | ${r.labels.join(" | ")} |`,
    `|---|${r.labels.map(() => "---").join("|")}|`,
    ...r.confusion.map((row, i) => `| ${r.labels[i]} | ${row.join(" | ")} |`),
  ].join("\n");
}

function sliceTable(slices: readonly SliceResult[], limit = 20): string {
  return [
    "| slice | books | Fiction | Non-fiction | macro-F1 (both classes) | error rate |",
    "|---|---|---|---|---|---|",
    ...slices.slice(0, limit).map((s) => `| ${escapeCell(s.slice)} | ${s.n} | ${s.fiction} | ${s.nonFiction} | ${f3(s.macroF1)} | ${f3(s.errorRate)} |`),
  ].join("\n");
}

function bookTable(books: readonly EvaluatedBook[]): string {
  if (books.length === 0) return "(none)";
  return [
    "| id | title | language | label | predicted | confidence |",
    "|---|---|---|---|---|---|",
    ...books.map((b) => `| ${b.id} | ${escapeCell(b.title.slice(0, 110))} | ${b.language} | ${b.label} | ${b.predicted} | ${f3(b.confidence)} |`),
  ].join("\n");
}

function thresholdText(e: GenreEvaluation): string {
  const t = e.thresholds;
  const per = t.perClass.map((c) => `${c.label} >= ${c.threshold === null ? "never (target not reached)" : c.threshold.toFixed(3)}`).join(", ");
  return `Per-class thresholds for precision >= 0.99 (chosen on ${t.chosenOn}): ${per}. On these books they keep **${(t.result.coverage * 100).toFixed(1)}%** of the books at precision **${f3(t.result.precision)}** (${t.result.kept} of ${e.n})${t.collectionWeighted ? `; weighted to the collection's language mix: ${(t.collectionWeighted.coverage * 100).toFixed(1)}% at precision ${f3(t.collectionWeighted.precision)}` : ""}.`;
}

function section(e: GenreEvaluation, charts: string): string {
  return [
    `## ${e.name} (${e.n} books)`,
    "",
    e.baselines.length > 0 ? comparisonTable(e) : reportRow("genre model", e.report, e.ece).replace(/^/, "| model | accuracy | macro-F1 | Fiction P | Fiction R | Fiction F1 | Non-fiction P | Non-fiction R | Non-fiction F1 | ECE |\n|---|---|---|---|---|---|---|---|---|---|\n"),
    "",
    "Confusion matrix (rows: human label, columns: prediction):",
    "",
    confusionTable(e.report),
    "",
    thresholdText(e),
    "",
    charts,
    "",
    "### Slices: language (macro-F1 where both classes occur; otherwise only the error rate means anything)",
    "",
    sliceTable(e.slices.language),
    "",
    "### Slices: decade",
    "",
    sliceTable(e.slices.decade, 30),
    "",
    "### Slices: title length",
    "",
    sliceTable(e.slices.titleLength),
    "",
    "### Slices: fields present",
    "",
    sliceTable(e.slices.fieldsPresent, 30),
    "",
    "### Most confident errors",
    "",
    bookTable(e.mostConfidentErrors),
    "",
    "### Least confident correct predictions",
    "",
    bookTable(e.leastConfidentCorrect),
    "",
  ].join("\n");
}

function untrustedNote(metrics: GenreMetrics): string {
  const u = metrics.untrustedLabels;
  return [
    "## Labels from another book",
    "",
    `${u.books} labelled books (${u.fiction} of them Fiction, ${u.validationBooks} in the validation split) carry an annotation whose place of publication contradicts the record's and whose publisher does not match: the annotation, and so its label, was made for another book (ml/data/annotation-join.ts). Policy \`${u.policy}\`: ${u.leftOut} of them were kept out of training, calibration and thresholds. The validation figures above count every validation book with its label as given; the section below counts only the validation books whose annotation describes their own record, reduced to the fields the hidden sample has.`,
    "",
  ].join("\n");
}

/** Writes report.md and charts/*.svg into `dir`; returns the report path. */
export async function writeGenreReport(dir: string, metrics: GenreMetrics, header: string[]): Promise<string> {
  const chartDir = path.join(dir, "charts");
  await fs.promises.mkdir(chartDir, { recursive: true });
  const runs = [metrics.validation, metrics.validationHiddenFields, metrics.refitCrossValidation];
  await fs.promises.writeFile(path.join(chartDir, "reliability.svg"), await toSvg(reliabilitySpec(runs)));
  await fs.promises.writeFile(path.join(chartDir, "precision-coverage.svg"), await toSvg(coverageSpec(runs)));
  await fs.promises.writeFile(path.join(chartDir, "confusion-validation.svg"), await toSvg(confusionSpec(metrics.validation)));
  await fs.promises.writeFile(path.join(chartDir, "confusion-refit.svg"), await toSvg(confusionSpec(metrics.refitCrossValidation)));
  const charts = "![reliability](charts/reliability.svg) ![precision against coverage](charts/precision-coverage.svg)";
  const c = metrics.calibration;
  const lines = [
    ...header,
    "",
    `Calibration (p = sigmoid(scale * logit + shift), fitted on held-out logits of training books): validation run scale ${c.validation.scale.toFixed(3)}, shift ${c.validation.shift.toFixed(3)}; ECE on validation ${f3(c.validation.eceUncalibrated)} before, ${f3(c.validation.eceCalibrated)} after. Refit: scale ${c.refit.scale.toFixed(3)}, shift ${c.refit.shift.toFixed(3)}; out-of-fold ECE ${f3(c.refit.eceUncalibratedOutOfFold)} before, ${f3(c.refit.eceCalibratedOutOfFold)} after (cross-fitted).`,
    "",
    `Timings: total ${metrics.timings.totalSeconds.toFixed(1)} s wall, ${f1(metrics.timings.totalCpuSeconds)} s CPU (all threads). The fits and baselines run side by side on worker threads, so phases overlap: validation results ready after ${metrics.timings.validationSeconds.toFixed(1)} s, refit cross-validation ${metrics.timings.refitCrossValidationSeconds.toFixed(1)} s later; the final model's own fit took ${metrics.timings.finalTrainingSeconds.toFixed(1)} s on its thread.`,
    "",
    section(metrics.validation, charts),
    "![confusion, validation](charts/confusion-validation.svg)",
    "",
    section(metrics.validationHiddenFields, ""),
    ...(metrics.validationTrusted ? [untrustedNote(metrics), section(metrics.validationTrusted, "")] : []),
    section(metrics.refitCrossValidation, "![confusion, refit](charts/confusion-refit.svg)"),
    "## Suspect labels (confident out-of-fold disagreements; reported, never relabelled)",
    "",
    "Books whose held-out prediction contradicts the human label with confidence >= 0.9. Some are model errors; others (for example non-English history or topography titles labelled Fiction) look like annotation mistakes. They stay in training and evaluation with their human label.",
    "",
    bookTable(metrics.suspectLabels),
    "",
  ];
  const file = path.join(dir, "report.md");
  await fs.promises.writeFile(file, lines.join("\n"));
  return file;
}
