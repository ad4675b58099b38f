import fs from "node:fs";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { getServerEnv } from "@/lib/env";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { evaluateSavedModel } from "@/ml/evaluate/evaluate-saved";
import type { GenreMetrics } from "@/ml/evaluate/genre-metrics";
import { comparisonTable, writeGenreReport } from "@/ml/evaluate/report";
import { latestModelDir, loadModel } from "@/ml/model/artifacts";
import { readOutOfFoldPredictions } from "@/ml/train/train-and-save";

/**
 * `npm run evaluate -- --model <dir>`: print a model's validation and cross-validated figures
 * (and redraw its report), or, with --labels, evaluate it on another labelled CSV.
 */
const program = new Command()
  .name("evaluate")
  .description("Show a genre model's evaluation (validation, hidden-sample fields, refit cross-validation) and redraw report.md; with --labels, evaluate it on another labelled CSV.")
  .option("--model <dir>", "model folder (default: current, else newest, under <work-dir>/models/genre)")
  .option("--work-dir <dir>", "working folder (default: $WORK_DIR or ./work)")
  .option("--labels <csv>", "BL-format CSV with annotator_genre (Fiction / Non-fiction) to evaluate on")
  .option("--json", "print the metrics as JSON", false);

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const workDir = opts.workDir ?? getServerEnv().WORK_DIR;
  const modelDir = opts.model ?? latestModelDir(workDir);
  if (!modelDir) {
    console.error(`evaluate: no genre model in ${path.resolve(workDir, "models", "genre")}: run npm run train first (or pass --model <dir>)`);
    return 2;
  }
  const model = await loadModel(modelDir);
  console.log(`Model ${model.meta.version} (${model.meta.titleOnly ? "title only" : "title + catalogue fields"}), backend ${model.meta.backend.name}, seed ${model.meta.seed}`);

  if (opts.labels) {
    const data = await readLabelledBooks(opts.labels);
    const trainingIds = new Set((await readOutOfFoldPredictions(modelDir)).map((o) => o.id));
    const result = evaluateSavedModel(model, data.books, trainingIds);
    const outDir = path.join(modelDir, "evaluations");
    await fs.promises.mkdir(outDir, { recursive: true });
    const out = path.join(outDir, `${new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${path.basename(opts.labels, ".csv")}.json`);
    await fs.promises.writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    for (const e of [result.all, result.unseen]) {
      if (!e) continue;
      console.log(`\n${e.name} (${e.n} books): macro-F1 ${e.report.macroF1.toFixed(3)}, accuracy ${e.report.accuracy.toFixed(3)}, ECE ${e.ece.toFixed(3)}; thresholds keep ${(e.thresholds.result.coverage * 100).toFixed(1)}% at precision ${e.thresholds.result.precision.toFixed(3)}`);
    }
    if (result.seenInTraining > 0) console.log(`(${result.seenInTraining} books were training books of this model: figures on "all books" are in-sample for them)`);
    console.log(`Saved to ${out}`);
    return 0;
  }

  const metricsFile = path.join(modelDir, "metrics.json");
  if (!fs.existsSync(metricsFile)) {
    console.error(`evaluate: ${metricsFile} is missing: retrain the model with npm run train`);
    return 2;
  }
  const metrics = JSON.parse(await fs.promises.readFile(metricsFile, "utf8")) as GenreMetrics;
  if (opts.json) {
    console.log(JSON.stringify(metrics, null, 2));
    return 0;
  }
  for (const e of [metrics.validation, metrics.refitCrossValidation]) {
    console.log(`\n${e.name} (${e.n} books)\n`);
    console.log(comparisonTable(e));
    console.log(`\nthresholds: ${e.thresholds.perClass.map((t) => `${t.label} >= ${t.threshold?.toFixed(3) ?? "never"}`).join(", ")}; keep ${(e.thresholds.result.coverage * 100).toFixed(1)}% at precision ${e.thresholds.result.precision.toFixed(3)}`);
  }
  const h = metrics.validationHiddenFields;
  console.log(`\nvalidation with hidden-sample fields only: macro-F1 ${h.report.macroF1.toFixed(3)}, ECE ${h.ece.toFixed(3)}`);
  const t = metrics.validationTrusted as GenreMetrics["validationTrusted"] | undefined;
  if (t) {
    console.log(`\n${t.name} (${t.n} books)\n`);
    console.log(comparisonTable(t));
    console.log(`\nthresholds keep ${(t.thresholds.result.coverage * 100).toFixed(1)}% at precision ${t.thresholds.result.precision.toFixed(3)}`);
  }
  const report = await writeGenreReport(modelDir, metrics, [`# Genre model evaluation: ${model.meta.version}`, "", `Redrawn by npm run evaluate from metrics.json.`]);
  console.log(`\nReport: ${report}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`evaluate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
