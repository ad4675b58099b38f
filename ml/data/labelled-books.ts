/**
 * Human genre labels, one per book. The annotation file has a row per annotation (4,374 rows,
 * 1,744 books); every annotation of a book carries the same label, so books, not rows, are
 * the unit of training and evaluation.
 */
import type { BookRecord } from "@/lib/records/types";
import { foldText } from "@/ml/features/char-fold";
import type { GenreInput } from "@/ml/features/featurise";
import { checkAnnotationJoin } from "./annotation-join";

export const GENRE_LABELS = ["Non-fiction", "Fiction"] as const;
export type GenreLabel = (typeof GENRE_LABELS)[number];
/** Index into GENRE_LABELS; 1 (Fiction) is the positive class of the binary model. */
export type ClassIndex = 0 | 1;

export const LABEL_COLUMN = "annotator_genre";
export const SPLIT_COLUMN = "is_valid";

export interface LabelledBook {
  id: string;
  record: BookRecord;
  label: GenreLabel;
  y: ClassIndex;
  isValid: boolean;
  /** How many annotation rows the book had. */
  annotations: number;
  /** First catalogue language (for slices and reweighting only, never a feature). */
  language: string;
  /** Folded title: books with identical titles are kept on the same side of every split. */
  titleKey: string;
  /** Why the annotation seems to describe another book (see annotation-join.ts), or null. */
  joinMismatch: string | null;
}

/** Extra training examples (weak labels, issue 6): a record, its label and a weight in (0, 1]. */
export interface WeightedExample {
  record: GenreInput;
  label: GenreLabel;
  weight: number;
}

export class LabelDataError extends Error {
  override name = "LabelDataError";
}

export function parseGenreLabel(raw: string | undefined): GenreLabel | null {
  const value = raw?.trim().toLowerCase();
  if (value === "fiction") return "Fiction";
  if (value === "non-fiction" || value === "nonfiction" || value === "non fiction") return "Non-fiction";
  return null;
}

function parseIsValid(raw: string | undefined, id: string): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0" || value === undefined || value === "") return false;
  throw new LabelDataError(`Book ${id}: ${SPLIT_COLUMN} is "${raw}", expected True or False`);
}

export interface LabelProblem {
  id: string;
  reason: string;
}

/**
 * Groups annotation rows into books. Rows without a usable label are returned as problems
 * (never dropped silently); a book whose rows disagree on the label or split is an error,
 * because no single label could then be trusted.
 */
export function toLabelledBooks(rows: readonly BookRecord[]): { books: LabelledBook[]; problems: LabelProblem[] } {
  const byId = new Map<string, LabelledBook>();
  const problems: LabelProblem[] = [];
  for (const record of rows) {
    const rawLabel = record.fields[LABEL_COLUMN];
    const label = parseGenreLabel(rawLabel);
    if (!label) {
      problems.push({ id: record.id, reason: `${LABEL_COLUMN} is "${rawLabel ?? ""}", expected Fiction or Non-fiction` });
      continue;
    }
    const isValid = parseIsValid(record.fields[SPLIT_COLUMN], record.id);
    const seen = byId.get(record.id);
    if (seen) {
      if (seen.label !== label) throw new LabelDataError(`Book ${record.id}: annotations disagree (${seen.label} vs ${label})`);
      if (seen.isValid !== isValid) throw new LabelDataError(`Book ${record.id}: rows disagree on ${SPLIT_COLUMN}`);
      seen.annotations++;
      continue;
    }
    byId.set(record.id, {
      id: record.id,
      record,
      label,
      y: label === "Fiction" ? 1 : 0,
      isValid,
      annotations: 1,
      language: record.languages[0]?.trim() || "unknown",
      titleKey: foldText(record.title),
      joinMismatch: checkAnnotationJoin(record).reason,
    });
  }
  const books = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { books, problems };
}
