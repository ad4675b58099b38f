import type { BookRecord } from "@/lib/records/types";
import type { LabelledBook } from "@/ml/data/labelled-books";
import { foldText } from "@/ml/features/char-fold";
import { buildLabellingFunctions, type LfContext, type LfSet } from "./functions";
import { fitLabelModel, predictLabelModel, type LabelModelOptions, type LabelModelParams } from "./label-model";
import { ABSTAIN, buildVoteMatrix, FICTION, majorityVote, NON_FICTION, selectRows, type VoteMatrix } from "./votes";

/**
 * One labelling run: the functions applied to the labelled training books and to the whole
 * collection, the label model fitted on the collection without any validation book (or any
 * book sharing a validation title), and its labels.
 */
export interface LabellingOptions {
  classifierPredictions?: LfContext["classifierPredictions"];
  classifierConfidence?: number;
  shelfmarkRules?: LfContext["shelfmarkRules"];
  labelModel?: LabelModelOptions;
}

export interface LabellingRun {
  lfSet: LfSet;
  trainingBooks: LabelledBook[];
  training: { matrix: VoteMatrix; labels: Int8Array; pFiction: Float64Array };
  collection: {
    matrix: VoteMatrix;
    pFiction: Float64Array;
    /** Collection rows left after removing validation books and titles; of these, the covered ones are fitted. */
    fitRows: number;
    fitCoveredRows: number;
    heldOutValidation: number;
  };
  params: LabelModelParams;
  comparison: LabelModelComparison;
  timings: { labellingMs: number; labelModelMs: number };
}

export function runLabelling(collection: readonly BookRecord[], labelled: readonly LabelledBook[], options: LabellingOptions = {}): LabellingRun {
  const t0 = performance.now();
  const trainingBooks = labelled.filter((b) => !b.isValid);
  const lfSet = buildLabellingFunctions({
    trainingBooks,
    collection,
    shelfmarkRules: options.shelfmarkRules,
    classifierPredictions: options.classifierPredictions,
    classifierConfidence: options.classifierConfidence,
  });
  const trainingMatrix = buildVoteMatrix(
    trainingBooks.map((b) => b.record),
    lfSet.functions,
  );
  const labels = Int8Array.from(trainingBooks, (b) => (b.label === "Fiction" ? FICTION : NON_FICTION));
  const collectionMatrix = buildVoteMatrix(collection, lfSet.functions);
  const t1 = performance.now();

  const validationIds = new Set(labelled.filter((b) => b.isValid).map((b) => b.id));
  const validationTitles = new Set(labelled.filter((b) => b.isValid).map((b) => foldText(b.record.title)));
  const fitIndex: number[] = [];
  collection.forEach((r, i) => {
    if (!validationIds.has(r.id) && !validationTitles.has(foldText(r.title))) fitIndex.push(i);
  });
  const fitMatrix = selectRows(collectionMatrix, fitIndex);
  const params = fitLabelModel(fitMatrix, options.labelModel);
  let fitCoveredRows = 0;
  for (let i = 0; i < fitMatrix.n; i++) {
    for (let j = 0; j < fitMatrix.m; j++) {
      if (fitMatrix.votes[i * fitMatrix.m + j] !== ABSTAIN) {
        fitCoveredRows++;
        break;
      }
    }
  }
  const collectionP = predictLabelModel(params, collectionMatrix);
  const trainingP = predictLabelModel(params, trainingMatrix);
  const t2 = performance.now();

  return {
    lfSet,
    trainingBooks,
    training: { matrix: trainingMatrix, labels, pFiction: trainingP },
    collection: {
      matrix: collectionMatrix,
      pFiction: collectionP,
      fitRows: fitIndex.length,
      fitCoveredRows: options.labelModel?.includeSilentRows ? fitIndex.length : fitCoveredRows,
      heldOutValidation: collection.length - fitIndex.length,
    },
    params,
    comparison: compareWithMajorityVote(trainingMatrix, trainingP, labels),
    timings: { labellingMs: t1 - t0, labelModelMs: t2 - t1 },
  };
}

export interface LabelScore {
  scored: number;
  accuracy: number;
  macroF1: number;
}

export interface LabelModelComparison {
  books: number;
  /** Books at least one function votes on: both methods are scored on exactly these. */
  covered: number;
  /** Majority-vote ties among the covered books. */
  ties: number;
  /** The class majority-vote ties go to: the training books' majority class. */
  tieBreak: string;
  labelModel: LabelScore;
  majorityVote: LabelScore;
  /** Both methods on the covered books where majority vote has no tie. */
  withoutTies: { labelModel: LabelScore; majorityVote: LabelScore };
}

/** Accuracy and macro-F1 of predicted codes against labels, on the rows listed. */
export function scoreLabels(predicted: ArrayLike<number>, labels: ArrayLike<number>, rows: readonly number[]): LabelScore {
  const cm = [
    [0, 0],
    [0, 0],
  ];
  for (const i of rows) cm[labels[i]!]![predicted[i]!]!++;
  const f1 = (k: number) => {
    const tp = cm[k]![k]!;
    const fp = cm[1 - k]![k]!;
    const fn = cm[k]![1 - k]!;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  const correct = cm[0]![0]! + cm[1]![1]!;
  return { scored: rows.length, accuracy: rows.length ? correct / rows.length : 0, macroF1: (f1(0) + f1(1)) / 2 };
}

export function compareWithMajorityVote(matrix: VoteMatrix, pFiction: Float64Array, labels: Int8Array): LabelModelComparison {
  const fiction = labels.reduce((s, y) => s + (y === FICTION ? 1 : 0), 0);
  const tieBreak = fiction * 2 > labels.length ? FICTION : NON_FICTION;
  const mvStrict = majorityVote(matrix);
  const mv = majorityVote(matrix, tieBreak);
  const lm = Int8Array.from(pFiction, (p) => (Number.isNaN(p) ? ABSTAIN : p >= 0.5 ? FICTION : NON_FICTION));
  const covered: number[] = [];
  const noTie: number[] = [];
  for (let i = 0; i < matrix.n; i++) {
    if (mv[i] === ABSTAIN) continue;
    covered.push(i);
    if (mvStrict[i] !== ABSTAIN) noTie.push(i);
  }
  return {
    books: matrix.n,
    covered: covered.length,
    ties: covered.length - noTie.length,
    tieBreak: tieBreak === FICTION ? "Fiction" : "Non-fiction",
    labelModel: scoreLabels(lm, labels, covered),
    majorityVote: scoreLabels(mv, labels, covered),
    withoutTies: { labelModel: scoreLabels(lm, labels, noTie), majorityVote: scoreLabels(mv, labels, noTie) },
  };
}
