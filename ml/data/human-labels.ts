/**
 * Human labels from the review queue (issue 9) joined to the training data. A human label wins
 * over the annotation file's label for the same book; labels for other books become extra
 * examples of full weight. Pure: the caller reads the labels from the store.
 */
import type { BookRecord } from "@/lib/records/types";
import { parseGenreLabel, type LabelledBook, type WeightedExample } from "./labelled-books";

export interface StoredHumanLabel {
  recordId: string;
  label: string;
  createdAt: string;
  /** The catalogue record (null when the book has left the store). */
  record: BookRecord | null;
}

export interface HumanLabelUse {
  /** Human labels used in this training. */
  used: number;
  /** Of them, on books of the annotation file (label replaced, or confirmed). */
  overriding: number;
  /** Of the overriding ones, those that changed the annotation's label. */
  changed: number;
  /** Of them, books new to the training data (extra examples). */
  added: number;
  /** Of them, made after `since` (the previous model's date): the labels this version is the first to use. */
  newSincePrevious: number;
  /** Labels not used, with the reason (never dropped silently). */
  skipped: Array<{ recordId: string; reason: string }>;
}

export function applyHumanLabels(
  books: readonly LabelledBook[],
  human: readonly StoredHumanLabel[],
  since: string | null,
): { books: LabelledBook[]; extra: Array<WeightedExample & { id: string }>; use: HumanLabelUse } {
  const byId = new Map(books.map((b) => [b.id, b]));
  const replaced = new Map<string, LabelledBook>();
  const extra: Array<WeightedExample & { id: string }> = [];
  const use: HumanLabelUse = { used: 0, overriding: 0, changed: 0, added: 0, newSincePrevious: 0, skipped: [] };
  for (const h of human) {
    const label = parseGenreLabel(h.label);
    if (!label) {
      use.skipped.push({ recordId: h.recordId, reason: `label "${h.label}" is not Fiction or Non-fiction` });
      continue;
    }
    const book = byId.get(h.recordId);
    if (book) {
      use.overriding++;
      if (book.label !== label) use.changed++;
      // Staff labelled this record itself, so the annotation-join doubt no longer applies.
      replaced.set(book.id, { ...book, label, y: label === "Fiction" ? 1 : 0, joinMismatch: null });
    } else if (h.record) {
      use.added++;
      extra.push({ id: h.recordId, record: h.record, label, weight: 1 });
    } else {
      use.skipped.push({ recordId: h.recordId, reason: "the record is not in the store" });
      continue;
    }
    use.used++;
    if (since === null || h.createdAt > since) use.newSincePrevious++;
  }
  return { books: books.map((b) => replaced.get(b.id) ?? b), extra, use };
}
