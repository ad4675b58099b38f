import { analyseVotes, collectExamples, type LfExample, type LfFigures, type MatrixFigures } from "./analysis";
import { toLearnedAccuracies } from "./label-model";
import type { LiftResult } from "./lift";
import type { LabellingRun } from "./pipeline";
import type { ShelfmarkClassStats } from "./functions/shelfmark";
import type { WeakSetStats } from "./weak-training";

/**
 * The LF report: everything `npm run ml:lf-report` prints and the staff page
 * `/admin/labelling` shows. Examples hold real collection titles, so the report lives only under
 * WORK_DIR and is never committed.
 */
export interface LfReportFunction {
  name: string;
  description: string;
  polarity: string[];
  /** On the labelled training books (validation books are never scored here). */
  training: LfFigures;
  /** On the whole collection (no labels). */
  collection: Omit<LfFigures, "labelled">;
  /** The label model's estimate of the function's accuracy, learned without labels. */
  learnedAccuracy: number;
  examples: LfExample[];
}

export interface LfReport {
  version: 1;
  generatedAt: string;
  inputs: { collectionFile: string; labelsFile: string; collectionRecords: number; trainingBooks: number; validationBooksNotUsed: number };
  overall: { training: Omit<MatrixFigures, "functions">; collection: Omit<MatrixFigures, "functions"> };
  functions: LfReportFunction[];
  shelfmarkClasses: ShelfmarkClassStats[];
  labelModel: {
    kind: "dawid-skene-em";
    prior: { nonFiction: number; fiction: number };
    iterations: number;
    converged: boolean;
    /** Collection rows without validation books or titles, and those of them some function covers (the fit). */
    fitRows: number;
    fitCoveredRows: number;
    comparison: LabellingRun["comparison"];
    /** Collection books given a label (some function voted). */
    labelled: number;
    labelledFiction: number;
  };
  weakSet?: WeakSetStats;
  lift?: LiftResult;
  timings: { labellingMs: number; labelModelMs: number; [k: string]: number };
}

export function buildLfReport(
  run: LabellingRun,
  collection: ReadonlyArray<{ id: string; title: string }>,
  context: { collectionFile: string; labelsFile: string; validationBooks: number; examplesPerFunction?: number; now?: Date },
): LfReport {
  const training = analyseVotes(run.training.matrix, run.training.labels);
  const whole = analyseVotes(run.collection.matrix);
  const learned = toLearnedAccuracies(run.params);
  const examples = collectExamples(run.collection.matrix, collection, context.examplesPerFunction ?? 10);
  const { functions: _t, ...trainingOverall } = training;
  const { functions: _c, ...collectionOverall } = whole;
  let labelled = 0;
  let labelledFiction = 0;
  for (const p of run.collection.pFiction) {
    if (Number.isNaN(p)) continue;
    labelled++;
    if (p >= 0.5) labelledFiction++;
  }
  return {
    version: 1,
    generatedAt: (context.now ?? new Date()).toISOString(),
    inputs: {
      collectionFile: context.collectionFile,
      labelsFile: context.labelsFile,
      collectionRecords: run.collection.matrix.n,
      trainingBooks: run.training.matrix.n,
      validationBooksNotUsed: context.validationBooks,
    },
    overall: { training: trainingOverall, collection: collectionOverall },
    functions: run.lfSet.functions.map((f, j) => {
      const { labelled: _l, ...collectionFigures } = whole.functions[j]!;
      return {
        name: f.lfName,
        description: f.description,
        polarity: [...new Set([...training.functions[j]!.polarity, ...collectionFigures.polarity])],
        training: training.functions[j]!,
        collection: collectionFigures,
        learnedAccuracy: learned[j]!.accuracy,
        examples: examples[f.lfName] ?? [],
      };
    }),
    shelfmarkClasses: run.lfSet.shelfmarkClasses,
    labelModel: {
      kind: "dawid-skene-em",
      prior: { nonFiction: run.params.prior[0], fiction: run.params.prior[1] },
      iterations: run.params.iterations,
      converged: run.params.converged,
      fitRows: run.collection.fitRows,
      fitCoveredRows: run.collection.fitCoveredRows,
      comparison: run.comparison,
      labelled,
      labelledFiction,
    },
    timings: { ...run.timings },
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));

/** The LF table as Markdown rows (also printed by the script). */
export function toLfTableMarkdown(report: LfReport): string {
  const header =
    "| function | label | train coverage | train overlaps | train conflicts | train accuracy (right/wrong) | collection coverage | collection overlaps | collection conflicts | learned accuracy |\n" +
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|";
  const rows = report.functions.map((f) => {
    const l = f.training.labelled;
    return `| ${f.name} | ${f.polarity.join(", ") || "–"} | ${pct(f.training.coverage)} | ${pct(f.training.overlaps)} | ${pct(f.training.conflicts)} | ${num(l?.accuracy)} (${l?.correct ?? 0}/${l?.incorrect ?? 0}) | ${pct(f.collection.coverage)} | ${pct(f.collection.overlaps)} | ${pct(f.collection.conflicts)} | ${num(f.learnedAccuracy)} |`;
  });
  return [header, ...rows].join("\n");
}

export function toLfReportMarkdown(report: LfReport): string {
  const c = report.labelModel.comparison;
  const lines = [
    "# Labelling functions report",
    "",
    `Generated ${report.generatedAt}. Collection: ${report.inputs.collectionRecords} records; labelled training books: ${report.inputs.trainingBooks} (the ${report.inputs.validationBooksNotUsed} validation books are never used here).`,
    "",
    "## Functions",
    "",
    toLfTableMarkdown(report),
    "",
    `Coverage by at least one function: **${pct(report.overall.collection.coverage)} of the collection**, ${pct(report.overall.training.coverage)} of the labelled training books. Rows with conflicting votes: ${pct(report.overall.collection.conflicts)} of the collection.`,
    "",
    "Descriptions:",
    "",
    ...report.functions.map((f) => `- \`${f.name}\`: ${f.description}`),
    "",
    "## Label model",
    "",
    `Dawid-Skene EM (class-conditional outcome distribution per function including abstain, smoothed, started from majority vote), fitted without labels on the ${report.labelModel.fitCoveredRows} covered rows among ${report.labelModel.fitRows} collection books (validation books and books sharing their titles left out); ${report.labelModel.iterations} iterations, converged: ${report.labelModel.converged}. Learned P(Fiction) = ${num(report.labelModel.prior.fiction)}.`,
    "",
    `On the ${c.covered} of ${c.books} labelled training books that some function covers (majority-vote ties, ${c.ties}, go to ${c.tieBreak}):`,
    "",
    "| method | accuracy | macro-F1 |",
    "|---|---:|---:|",
    `| label model | ${num(c.labelModel.accuracy, 4)} | ${num(c.labelModel.macroF1, 4)} |`,
    `| majority vote | ${num(c.majorityVote.accuracy, 4)} | ${num(c.majorityVote.macroF1, 4)} |`,
    `| label model, no-tie books (${c.withoutTies.labelModel.scored}) | ${num(c.withoutTies.labelModel.accuracy, 4)} | ${num(c.withoutTies.labelModel.macroF1, 4)} |`,
    `| majority vote, no-tie books | ${num(c.withoutTies.majorityVote.accuracy, 4)} | ${num(c.withoutTies.majorityVote.macroF1, 4)} |`,
    "",
    `The label model labels ${report.labelModel.labelled} collection books (${report.labelModel.labelledFiction} Fiction).`,
  ];
  if (report.weakSet) {
    const w = report.weakSet;
    lines.push(
      "",
      "## Weak training set",
      "",
      `Kept ${w.kept} books (${w.fiction} Fiction, ${w.nonFiction} Non-fiction, mean weight ${num(w.meanWeight)}). Left out: ${w.labelledBook} labelled books, ${w.validationTitle} with a validation book's title, ${w.trainingTitle} with a training book's title, ${w.abstained} with no vote, ${w.lowConfidence} below the confidence cut, ${w.duplicateTitle} duplicate titles, ${w.sampledOut} sampled out (cap on the set's size, for training time).`,
    );
  }
  if (report.lift) {
    const l = report.lift;
    const row = (r: LiftResult["humanOnly"]) =>
      `| ${r.name} | ${r.extraExamples} | ${num(r.validation.accuracy, 4)} | ${num(r.validation.macroF1, 4)} | ${r.validation.perClass.map((p) => `${p.label} ${num(p.f1, 3)}`).join(", ")} | ${(r.trainMs / 1000).toFixed(1)} s |`;
    lines.push(
      "",
      "## Lift on the validation books",
      "",
      "| configuration | extra examples | accuracy | macro-F1 | per-class F1 | training |",
      "|---|---:|---:|---:|---|---:|",
      row(l.humanOnly),
      row(l.withWeakLabels),
      "",
      `Macro-F1 gain: ${l.macroF1Gain >= 0 ? "+" : ""}${num(l.macroF1Gain, 4)}; accuracy gain ${l.accuracyGain >= 0 ? "+" : ""}${num(l.accuracyGain, 4)}. Kept as default: **${l.chosen}**.`,
    );
  }
  lines.push("", "## Timings", "", ...Object.entries(report.timings).map(([k, v]) => `- ${k}: ${(v / 1000).toFixed(2)} s`), "");
  return lines.join("\n");
}
