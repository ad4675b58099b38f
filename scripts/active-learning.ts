import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { getServerEnv } from "@/lib/env";
import { averageCurves, drawSeedSet, labelsToReach, simulateCurve, STRATEGIES, type CurvePoint, type Example, type Strategy, type Trainer } from "@/ml/active-learning/simulate";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { predictTfidfLogReg, toBaselineText, trainTfidfLogReg } from "@/ml/evaluate/baseline-tfidf";

/** `npm run ml:active-learning`: least-confidence vs random sampling on the labelled books (issue 9). */
const int = (v: string) => Number.parseInt(v, 10);
const program = new Command()
  .name("ml:active-learning")
  .description("Simulate active learning on the labelled books: least-confidence vs random sampling from the same seed sets, TF-IDF logistic regression, macro-F1 on the validation books.")
  .option("--labels <csv>", "labels file (default: $BL_DATA_DIR/annotations/train_valid.csv)")
  .option("--work-dir <dir>", "reports go to <dir>/reports (default: $WORK_DIR)")
  .option("--seed-size <n>", "books in the seed set", int, 50)
  .option("--batch <n>", "books labelled per round", int, 50)
  .option("--max-labels <n>", "stop at this many labelled books", int, 500)
  .option("--runs <n>", "seed sets (curves are averaged)", int, 2)
  .option("--iterations <n>", "optimiser steps per training", int, 120)
  .option("--no-progress", "no progress bar");

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const labels = opts.labels ?? (env.BL_DATA_DIR ? path.join(env.BL_DATA_DIR, "annotations", "train_valid.csv") : null);
  if (!labels) {
    console.error("ml:active-learning: no labels file: pass --labels <csv> or set BL_DATA_DIR");
    return 2;
  }
  for (const [name, v] of [["--seed-size", opts.seedSize], ["--batch", opts.batch], ["--max-labels", opts.maxLabels], ["--runs", opts.runs], ["--iterations", opts.iterations]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      console.error(`ml:active-learning: ${name} must be a positive integer, got ${String(v)}`);
      return 2;
    }
  }
  const data = await readLabelledBooks(labels);
  const toExample = (b: (typeof data.books)[number]): Example => ({ text: toBaselineText(b.record, false), y: b.y });
  const pool = data.books.filter((b) => !b.isValid).map(toExample);
  const test = data.books.filter((b) => b.isValid).map(toExample);
  const train: Trainer = (texts, ys) => {
    const model = trainTfidfLogReg(texts, ys, { iterations: opts.iterations });
    return (xs) => predictTfidfLogReg(model, xs);
  };
  const rounds = Math.ceil((Math.min(opts.maxLabels, pool.length) - opts.seedSize) / opts.batch) + 1;
  const bar = new SingleBar({ format: "simulating {bar} {value}/{total} trainings", hideCursor: true }, Presets.shades_classic);
  if (opts.progress) bar.start(rounds * STRATEGIES.length * opts.runs, 0);
  const started = performance.now();
  const curves: Record<Strategy, CurvePoint[][]> = { random: [], "least-confidence": [] };
  for (let run = 0; run < opts.runs; run++) {
    const seedSet = drawSeedSet(pool, opts.seedSize, 1000 + run);
    for (const strategy of STRATEGIES) {
      curves[strategy].push(simulateCurve(pool, test, strategy, seedSet, train, { seedSize: opts.seedSize, batchSize: opts.batch, maxLabels: opts.maxLabels, seed: run }, () => opts.progress && bar.increment()));
    }
  }
  if (opts.progress) bar.stop();
  const seconds = (performance.now() - started) / 1000;
  const random = averageCurves(curves.random);
  const lc = averageCurves(curves["least-confidence"]);
  const seedF1 = random[0]!.macroF1;
  // "Same gain": the F1 random sampling reaches at each of its points; how many labels each strategy needs for it.
  const comparisons = random.slice(1).map((p) => ({ targetMacroF1: p.macroF1, gainOverSeed: p.macroF1 - seedF1, randomLabels: labelsToReach(random, p.macroF1), leastConfidenceLabels: labelsToReach(lc, p.macroF1) }));
  const report = {
    createdAt: new Date().toISOString(),
    labelsFile: path.basename(labels),
    pool: pool.length,
    test: test.length,
    model: `TF-IDF (word 1-2 + char 2-5 grams) logistic regression, C=1, ${opts.iterations} Adam steps, title + catalogue fields`,
    options: { seedSize: opts.seedSize, batch: opts.batch, maxLabels: opts.maxLabels, runs: opts.runs },
    seconds,
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", node: process.version },
    curves: { random, leastConfidence: lc },
    runs: curves,
    comparisons,
  };
  const workDir = opts.workDir ?? env.WORK_DIR;
  const dir = path.join(workDir, "reports");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "active-learning.json"), `${JSON.stringify(report, null, 2)}\n`);
  const f = (x: number) => x.toFixed(3);
  const md = [
    "# Active learning: least confidence vs random sampling",
    "",
    `Pool: the ${pool.length} training-split books of ${path.basename(labels)}; test: the ${test.length} validation books. ${report.model}.`,
    `Seed set ${opts.seedSize} random books (same for both strategies), ${opts.batch} books per round, up to ${opts.maxLabels} labels; mean of ${opts.runs} seed sets. ${seconds.toFixed(1)} s on ${report.machine.cpus} x ${report.machine.cpu}.`,
    "",
    "## Learning curves (test macro-F1)",
    "",
    "| labels | random | least confidence |",
    "|---:|---:|---:|",
    ...random.map((p, j) => `| ${p.labels} | ${f(p.macroF1)} | ${f(lc[j]!.macroF1)} |`),
    "",
    "## Labels needed for the same gain",
    "",
    `Seed-set macro-F1: ${f(seedF1)}. For each macro-F1 reached by random sampling, the labels each strategy needed to reach it.`,
    "",
    "| target macro-F1 | gain over seed | random | least confidence | labels saved |",
    "|---:|---:|---:|---:|---:|",
    ...comparisons.map((c) => `| ${f(c.targetMacroF1)} | ${f(c.gainOverSeed)} | ${c.randomLabels ?? "-"} | ${c.leastConfidenceLabels ?? "not reached"} | ${c.randomLabels !== null && c.leastConfidenceLabels !== null ? `${c.randomLabels - c.leastConfidenceLabels} (${((1 - c.leastConfidenceLabels / c.randomLabels) * 100).toFixed(0)}%)` : "-"} |`),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "active-learning.md"), md);
  console.log(md);
  console.log(`Wrote ${path.join(dir, "active-learning.json")} and active-learning.md`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ml:active-learning: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
