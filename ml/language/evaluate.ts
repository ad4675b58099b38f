import { parse } from "csv-parse/sync";
import type { BookRecord } from "@/lib/records/types";
import type { LanguageGuess } from "./identify";

/**
 * Scoring the title language identifier against two references:
 * - the language of each book's full OCR text (`ocr-language-1890s.csv`, itself fastText on the
 *   whole book, so a strong but not perfect reference), joined on `BL record ID for physical
 *   resource`;
 * - the catalogue `Languages` field, where present (the 1,744 annotated books; several languages
 *   for some books: a prediction counts as right if it is any of them).
 */

export const OCR_ID_COLUMN = "BL record ID for physical resource";
export const OCR_LANGUAGE_COLUMN = "Language of OCR text";

export class LanguageFileError extends Error {
  override name = "LanguageFileError";
}

/**
 * Parses the OCR language file into physical ID -> language name.
 * It is not a catalogue record file (two columns, keyed on the physical ID, no title), so the
 * record parser of lib/records does not apply; csv-parse reads it directly. Bad rows are errors
 * naming the file and line, never skipped.
 */
export function parseOcrLanguageFile(text: string | Buffer, source = "ocr-language-1890s.csv"): Map<string, string> {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (cause) {
    throw new LanguageFileError(`${source}: not a readable CSV file`, { cause });
  }
  const header = rows[0];
  if (!header) throw new LanguageFileError(`${source}: the file is empty`);
  const idCol = header.indexOf(OCR_ID_COLUMN);
  const langCol = header.indexOf(OCR_LANGUAGE_COLUMN);
  if (idCol < 0 || langCol < 0) {
    throw new LanguageFileError(`${source}: expected columns "${OCR_ID_COLUMN}" and "${OCR_LANGUAGE_COLUMN}", found ${JSON.stringify(header)}`);
  }
  const out = new Map<string, string>();
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!;
    const line = i + 1;
    const id = row[idCol]?.trim() ?? "";
    const language = row[langCol]?.trim() ?? "";
    if (!id) throw new LanguageFileError(`${source}, line ${line}: empty "${OCR_ID_COLUMN}"`);
    if (!language) throw new LanguageFileError(`${source}, line ${line}: empty "${OCR_LANGUAGE_COLUMN}" for ${id}`);
    const previous = out.get(id);
    if (previous !== undefined && previous !== language) {
      throw new LanguageFileError(`${source}, line ${line}: ${id} is listed twice with different languages (${previous}, ${language})`);
    }
    out.set(id, language);
  }
  return out;
}

/** One book to score: the accepted reference languages and the prediction. */
export interface ScoredItem {
  id: string;
  title: string;
  /** Accepted answers; one for the OCR reference, one or more for the catalogue. */
  gold: readonly string[];
  predicted: LanguageGuess | null;
}

export interface LanguageRow {
  language: string;
  /** Books whose only reference language is this one. */
  support: number;
  correct: number;
  /** correct / support (recall of this language); null without support. */
  accuracy: number | null;
  /** Books predicted as this language (single- and multi-language references). */
  predicted: number;
  /** Of those, how many had it among their reference languages; null when never predicted. */
  precision: number | null;
}

export interface ThresholdRow {
  threshold: number;
  /** Share of books whose prediction has confidence >= threshold. */
  coverage: number;
  books: number;
  /** Accuracy on those books. */
  accuracy: number | null;
  /** Accuracy on the books below the threshold (what `uncertain` would hide). */
  accuracyBelow: number | null;
}

export interface CalibrationBin {
  from: number;
  to: number;
  books: number;
  meanConfidence: number | null;
  accuracy: number | null;
}

export interface LanguageEvaluation {
  books: number;
  correct: number;
  accuracy: number;
  /** Titles with no letters, so no prediction (counted as wrong). */
  noPrediction: number;
  /** The commonsense baseline: always answer the most frequent reference language. */
  baseline: { language: string; accuracy: number };
  /** Books with more than one reference language, scored as "any of them". */
  multiLanguage: { books: number; correct: number; accuracy: number | null };
  perLanguage: LanguageRow[];
  topConfusions: Array<{ gold: string; predicted: string; count: number; examples: string[] }>;
  thresholds: ThresholdRow[];
  calibration: CalibrationBin[];
  /** Expected calibration error over `calibration` (weighted |accuracy - mean confidence|). */
  ece: number;
  /** Predicted codes outside the hand-written table (shown by their ISO name or code). */
  unmappedCodes: Array<{ code: string; language: string; count: number }>;
}

export const DEFAULT_THRESHOLDS = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99] as const;

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function isCorrect(item: ScoredItem): boolean {
  return item.predicted !== null && item.gold.includes(item.predicted.language);
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export function evaluateLanguage(items: readonly ScoredItem[], options: { thresholds?: readonly number[]; confusions?: number; examples?: number } = {}): LanguageEvaluation {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const support = new Map<string, number>();
  const correctBy = new Map<string, number>();
  const predictedBy = new Map<string, number>();
  const predictedRight = new Map<string, number>();
  const goldCounts = new Map<string, number>();
  const confusions = new Map<string, { gold: string; predicted: string; count: number; examples: string[] }>();
  const unmapped = new Map<string, { code: string; language: string; count: number }>();
  let correct = 0;
  let noPrediction = 0;
  let multiBooks = 0;
  let multiCorrect = 0;

  for (const item of items) {
    const ok = isCorrect(item);
    if (ok) correct++;
    if (item.predicted === null) noPrediction++;
    for (const g of item.gold) bump(goldCounts, g);
    if (item.gold.length === 1) {
      const gold = item.gold[0]!;
      bump(support, gold);
      if (ok) bump(correctBy, gold);
    } else {
      multiBooks++;
      if (ok) multiCorrect++;
    }
    const p = item.predicted;
    if (p) {
      bump(predictedBy, p.language);
      if (ok) bump(predictedRight, p.language);
      if (!p.mapped) {
        const u = unmapped.get(p.code) ?? { code: p.code, language: p.language, count: 0 };
        u.count++;
        unmapped.set(p.code, u);
      }
    }
    if (!ok) {
      const gold = item.gold.join(" ; ");
      const predicted = p?.language ?? "(no prediction)";
      const key = `${gold}\u0000${predicted}`;
      const c = confusions.get(key) ?? { gold, predicted, count: 0, examples: [] };
      c.count++;
      if (c.examples.length < (options.examples ?? 3)) c.examples.push(item.title.length > 120 ? `${item.title.slice(0, 117)}...` : item.title);
      confusions.set(key, c);
    }
  }

  const languages = new Set([...support.keys(), ...predictedBy.keys()]);
  const perLanguage: LanguageRow[] = [...languages]
    .map((language) => {
      const s = support.get(language) ?? 0;
      const c = correctBy.get(language) ?? 0;
      const pr = predictedBy.get(language) ?? 0;
      return { language, support: s, correct: c, accuracy: ratio(c, s), predicted: pr, precision: ratio(predictedRight.get(language) ?? 0, pr) };
    })
    .sort((a, b) => b.support - a.support || b.predicted - a.predicted || a.language.localeCompare(b.language));

  const thresholdRows: ThresholdRow[] = thresholds.map((threshold) => {
    let above = 0;
    let aboveOk = 0;
    let belowOk = 0;
    for (const item of items) {
      const conf = item.predicted?.confidence ?? 0;
      const ok = isCorrect(item);
      if (item.predicted !== null && conf >= threshold) {
        above++;
        if (ok) aboveOk++;
      } else if (ok) belowOk++;
    }
    return { threshold, books: above, coverage: ratio(above, items.length) ?? 0, accuracy: ratio(aboveOk, above), accuracyBelow: ratio(belowOk, items.length - above) };
  });

  const bins = 10;
  const calibration: CalibrationBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = items.filter((i) => i.predicted !== null && i.predicted.confidence >= from && (b === bins - 1 ? i.predicted.confidence <= to : i.predicted.confidence < to));
    const mean = inBin.length ? inBin.reduce((s, i) => s + i.predicted!.confidence, 0) / inBin.length : null;
    const acc = ratio(inBin.filter(isCorrect).length, inBin.length);
    if (mean !== null && acc !== null) ece += (inBin.length / Math.max(1, items.length)) * Math.abs(acc - mean);
    calibration.push({ from, to, books: inBin.length, meanConfidence: mean, accuracy: acc });
  }

  let baselineLanguage = "";
  let baselineCount = -1;
  for (const [language, count] of goldCounts) if (count > baselineCount) [baselineLanguage, baselineCount] = [language, count];
  const baselineCorrect = items.filter((i) => i.gold.includes(baselineLanguage)).length;

  return {
    books: items.length,
    correct,
    accuracy: ratio(correct, items.length) ?? 0,
    noPrediction,
    baseline: { language: baselineLanguage, accuracy: ratio(baselineCorrect, items.length) ?? 0 },
    multiLanguage: { books: multiBooks, correct: multiCorrect, accuracy: ratio(multiCorrect, multiBooks) },
    perLanguage,
    topConfusions: [...confusions.values()].sort((a, b) => b.count - a.count).slice(0, options.confusions ?? 15),
    thresholds: thresholdRows,
    calibration,
    ece,
    unmappedCodes: [...unmapped.values()].sort((a, b) => b.count - a.count),
  };
}

type EvalRecord = Pick<BookRecord, "id" | "title" | "physicalId" | "languages">;

/** Pairs records with the OCR reference (joined on the physical-resource ID). */
export function toOcrItems(records: readonly EvalRecord[], predictions: ReadonlyArray<LanguageGuess | null>, ocr: ReadonlyMap<string, string>): ScoredItem[] {
  const items: ScoredItem[] = [];
  records.forEach((r, i) => {
    const gold = r.physicalId ? ocr.get(r.physicalId) : undefined;
    if (gold !== undefined) items.push({ id: r.id, title: r.title, gold: [gold], predicted: predictions[i] ?? null });
  });
  return items;
}

/** Pairs records with their catalogue `Languages`, where there are any. */
export function toCatalogueItems(records: readonly EvalRecord[], predictions: ReadonlyArray<LanguageGuess | null>): ScoredItem[] {
  const items: ScoredItem[] = [];
  records.forEach((r, i) => {
    if (r.languages.length > 0) items.push({ id: r.id, title: r.title, gold: r.languages, predicted: predictions[i] ?? null });
  });
  return items;
}

const pct = (x: number | null): string => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);

/** One evaluation as Markdown (per-language table, confusions, thresholds). */
export function toLanguageMarkdown(title: string, e: LanguageEvaluation, compare?: { label: string; evaluation: LanguageEvaluation }): string {
  const lines: string[] = [];
  lines.push(`### ${title}`, "");
  lines.push(`Books: ${e.books}. Accuracy: **${pct(e.accuracy)}** (${e.correct}/${e.books}). Baseline (always ${e.baseline.language}): ${pct(e.baseline.accuracy)}.`);
  if (compare) lines.push(`${compare.label}: ${pct(compare.evaluation.accuracy)}.`);
  lines.push(`No prediction (title without letters): ${e.noPrediction}. Expected calibration error: ${e.ece.toFixed(3)}.`);
  if (e.multiLanguage.books > 0) lines.push(`Books with several catalogue languages: ${e.multiLanguage.books}, prediction among them: ${pct(e.multiLanguage.accuracy)}.`);
  lines.push("", "| language | support | correct | accuracy (recall) | predicted | precision |", "|---|---:|---:|---:|---:|---:|");
  for (const r of e.perLanguage) lines.push(`| ${r.language} | ${r.support} | ${r.correct} | ${pct(r.accuracy)} | ${r.predicted} | ${pct(r.precision)} |`);
  lines.push("", "Top confusions (reference -> predicted):", "", "| reference | predicted | books | examples |", "|---|---|---:|---|");
  for (const c of e.topConfusions) lines.push(`| ${c.gold} | ${c.predicted} | ${c.count} | ${c.examples.map((x) => x.replace(/\|/g, "\\|")).join("<br>")} |`);
  lines.push("", "Accuracy at confidence thresholds (below the threshold a value would show as `uncertain`):", "", "| confidence >= | books | coverage | accuracy | accuracy below |", "|---:|---:|---:|---:|---:|");
  for (const t of e.thresholds) lines.push(`| ${t.threshold} | ${t.books} | ${pct(t.coverage)} | ${pct(t.accuracy)} | ${pct(t.accuracyBelow)} |`);
  if (e.unmappedCodes.length > 0) {
    lines.push("", `Codes outside the table: ${e.unmappedCodes.map((u) => `${u.code} (${u.language}) x${u.count}`).join(", ")}.`);
  }
  lines.push("");
  return lines.join("\n");
}
