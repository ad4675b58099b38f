import type { BookRecord } from "@/lib/records/types";
import { defineLf, type Genre, type LabelledLike, type LabellingFunction } from "../types";

/**
 * BL shelfmarks place books by subject: the press number's leading digits are a class
 * (e.g. 12xxx and 11xxx hold much literature). The classes used here are read off the labelled
 * training books, never the validation books, and only those with enough support and accuracy.
 */
export interface ShelfmarkClassStats {
  key: string;
  fiction: number;
  nonFiction: number;
  /** The class's majority label and its share among the training books. */
  label: Genre;
  accuracy: number;
}

export interface ShelfmarkRuleOptions {
  /** Fewest labelled training books a class needs before it may vote. */
  minSupport: number;
  /** Lowest training accuracy of the class's majority label. */
  minAccuracy: number;
}

export const DEFAULT_SHELFMARK_RULES: ShelfmarkRuleOptions = { minSupport: 15, minAccuracy: 0.9 };

/**
 * The class key of a shelfmark: the first three digits of the press number, with the number's
 * length kept ("126xx" for 12641, "943x" for 9430, "992" for 992). A leading zero marks a
 * parallel sequence of the same subject (011649 beside 11649), so it is ignored.
 */
export function toShelfmarkClassKey(shelfmarkClass: string | null): string | null {
  if (!shelfmarkClass) return null;
  const m = /^(?:Digital Store|British Library HMNTS)?\s*0*(\d{3,6})(?=[.\s]|$)/u.exec(shelfmarkClass.trim());
  if (!m?.[1]) return null;
  const digits = m[1];
  return digits.slice(0, 3) + "x".repeat(digits.length - 3);
}

function classKeyOf(record: BookRecord): string | null {
  return toShelfmarkClassKey(record.shelfmarkClass ?? record.shelfmark);
}

export function buildShelfmarkClassStats(trainingBooks: readonly LabelledLike[]): ShelfmarkClassStats[] {
  const counts = new Map<string, { fiction: number; nonFiction: number }>();
  for (const book of trainingBooks) {
    if (book.isValid) throw new Error(`Shelfmark classes must be derived from training books only; got validation book ${book.record.id}`);
    const key = classKeyOf(book.record);
    if (!key) continue;
    const c = counts.get(key) ?? { fiction: 0, nonFiction: 0 };
    if (book.label === "Fiction") c.fiction++;
    else c.nonFiction++;
    counts.set(key, c);
  }
  return [...counts]
    .map(([key, c]) => {
      const label: Genre = c.fiction > c.nonFiction ? "Fiction" : "Non-fiction";
      return { key, ...c, label, accuracy: Math.max(c.fiction, c.nonFiction) / (c.fiction + c.nonFiction) };
    })
    .sort((a, b) => b.fiction + b.nonFiction - (a.fiction + a.nonFiction) || a.key.localeCompare(b.key));
}

export function selectReliableClasses(stats: readonly ShelfmarkClassStats[], options: ShelfmarkRuleOptions = DEFAULT_SHELFMARK_RULES) {
  return stats.filter((s) => s.fiction + s.nonFiction >= options.minSupport && s.accuracy >= options.minAccuracy);
}

/** Two functions, one per label, so each one's accuracy is reported and learned separately. */
export function buildShelfmarkLfs(
  trainingBooks: readonly LabelledLike[],
  options: ShelfmarkRuleOptions = DEFAULT_SHELFMARK_RULES,
): { fiction: LabellingFunction; nonFiction: LabellingFunction; classes: ShelfmarkClassStats[] } {
  const classes = selectReliableClasses(buildShelfmarkClassStats(trainingBooks), options);
  const byKey = new Map(classes.map((c) => [c.key, c.label] as const));
  const keysFor = (label: Genre) => classes.filter((c) => c.label === label).map((c) => c.key);
  const rule = `(training support ≥ ${options.minSupport}, accuracy ≥ ${options.minAccuracy})`;
  const make = (name: string, label: Genre) =>
    defineLf(name, `shelfmark class in ${keysFor(label).join(", ") || "(none)"} ${rule} → ${label}`, (r) => {
      const key = classKeyOf(r);
      return key !== null && byKey.get(key) === label ? label : null;
    });
  return { fiction: make("shelfmark_fiction_class", "Fiction"), nonFiction: make("shelfmark_nonfiction_class", "Non-fiction"), classes };
}
