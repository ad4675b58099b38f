/** Everything the evaluation report shows for one set of predictions, as plain JSON. */
import { GENRE_LABELS, type LabelledBook } from "@/ml/data/labelled-books";
import { DEFAULT_LANGUAGE_WEIGHTING, toLanguageWeights } from "@/ml/data/weights";
import { toYear } from "@/ml/features/featurise";
import {
  applyClassThresholds,
  classificationReport,
  expectedCalibrationError,
  precisionCoverage,
  sliceMetrics,
  toPredictedClass,
  type ClassThreshold,
  type ClassificationReport,
  type CoveragePoint,
  type ReliabilityBin,
  type SliceResult,
  type ThresholdedResult,
} from "./metrics";

export interface EvaluatedBook {
  id: string;
  title: string;
  language: string;
  label: string;
  predicted: string;
  pFiction: number;
  /** Calibrated probability of the predicted label. */
  confidence: number;
}

export interface BaselineResult {
  name: string;
  report: ClassificationReport;
  ece: number;
}

export interface GenreEvaluation {
  name: string;
  n: number;
  report: ClassificationReport;
  ece: number;
  reliability: ReliabilityBin[];
  coverage: CoveragePoint[];
  thresholds: {
    perClass: ClassThreshold[];
    chosenOn: string;
    result: ThresholdedResult;
    /** The same, weighted to the collection's language mix (an estimate for a random collection sample). */
    collectionWeighted: ThresholdedResult;
  };
  slices: { language: SliceResult[]; decade: SliceResult[]; titleLength: SliceResult[]; fieldsPresent: SliceResult[] };
  mostConfidentErrors: EvaluatedBook[];
  leastConfidentCorrect: EvaluatedBook[];
  baselines: BaselineResult[];
}

export function toTitleLengthSlice(title: string): string {
  const words = title.split(/\s+/).filter(Boolean).length;
  if (words <= 5) return "01-05 words";
  if (words <= 10) return "06-10 words";
  if (words <= 20) return "11-20 words";
  if (words <= 40) return "21-40 words";
  return "41+ words";
}

export function toDecadeSlice(book: LabelledBook): string {
  const year = toYear(book.record);
  return year === null ? "unknown" : `${Math.floor(year / 10) * 10}s`;
}

const OPTIONAL_FIELDS: Array<[string, (b: LabelledBook) => boolean]> = [
  ["name", (b) => Boolean(b.record.name ?? b.record.allNames[0])],
  ["publisher", (b) => Boolean(b.record.publisher)],
  ["edition", (b) => Boolean(b.record.edition)],
  ["physical description", (b) => Boolean(b.record.physicalDescription)],
  ["catalogue genre", (b) => Boolean(b.record.catalogueGenre)],
  ["shelfmark", (b) => Boolean(b.record.shelfmark)],
];

function toEvaluatedBook(book: LabelledBook, p: number): EvaluatedBook {
  const c = toPredictedClass(p);
  return { id: book.id, title: book.record.title, language: book.language, label: book.label, predicted: GENRE_LABELS[c], pFiction: p, confidence: c === 1 ? p : 1 - p };
}

export function buildGenreEvaluation(
  name: string,
  allBooks: readonly LabelledBook[],
  bookIndex: readonly number[],
  pFiction: readonly number[],
  thresholds: { perClass: ClassThreshold[]; chosenOn: string },
  baselines: Array<{ name: string; pFiction: readonly number[] }> = [],
  listSize = 15,
): GenreEvaluation {
  const books = bookIndex.map((i) => allBooks[i]!);
  const ys = books.map((b) => b.y);
  const predicted = pFiction.map(toPredictedClass);
  const calibration = expectedCalibrationError(ys, pFiction);
  const evaluated = books.map((b, i) => toEvaluatedBook(b, pFiction[i]!));
  const errors = evaluated.filter((e) => e.label !== e.predicted).sort((a, b) => b.confidence - a.confidence);
  const correct = evaluated.filter((e) => e.label === e.predicted).sort((a, b) => a.confidence - b.confidence);
  const fieldsPresent = OPTIONAL_FIELDS.flatMap(([field, has]) =>
    sliceMetrics(books.map((b) => `${field}: ${has(b) ? "present" : "missing"}`), ys, pFiction),
  );
  return {
    name,
    n: books.length,
    report: classificationReport(ys, predicted),
    ece: calibration.ece,
    reliability: calibration.bins,
    coverage: precisionCoverage(ys, pFiction),
    thresholds: {
      ...thresholds,
      result: applyClassThresholds(ys, pFiction, thresholds.perClass),
      collectionWeighted: applyClassThresholds(ys, pFiction, thresholds.perClass, toLanguageWeights(books.map((b) => b.language), DEFAULT_LANGUAGE_WEIGHTING)),
    },
    slices: {
      language: sliceMetrics(books.map((b) => b.language), ys, pFiction),
      decade: sliceMetrics(books.map(toDecadeSlice), ys, pFiction).sort((a, b) => (a.slice < b.slice ? -1 : 1)),
      titleLength: sliceMetrics(books.map((b) => toTitleLengthSlice(b.record.title)), ys, pFiction).sort((a, b) => (a.slice < b.slice ? -1 : 1)),
      fieldsPresent,
    },
    mostConfidentErrors: errors.slice(0, listSize),
    leastConfidentCorrect: correct.slice(0, listSize),
    baselines: baselines.map((b) => ({
      name: b.name,
      report: classificationReport(ys, b.pFiction.map(toPredictedClass)),
      ece: expectedCalibrationError(ys, b.pFiction).ece,
    })),
  };
}

/**
 * Books whose held-out prediction confidently contradicts the human label. Reported for
 * review, never relabelled: some are model errors, some look like annotation mistakes.
 */
export function findSuspectLabels(allBooks: readonly LabelledBook[], bookIndex: readonly number[], pFiction: readonly number[], minConfidence = 0.9): EvaluatedBook[] {
  return bookIndex
    .map((i, n) => toEvaluatedBook(allBooks[i]!, pFiction[n]!))
    .filter((e) => e.label !== e.predicted && e.confidence >= minConfidence)
    .sort((a, b) => b.confidence - a.confidence);
}
