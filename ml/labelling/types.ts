import type { BookRecord } from "@/lib/records/types";
import type { GenreLabel, LabelledBook } from "@/ml/data/labelled-books";

export type Genre = GenreLabel;
/** A labelling function's answer; `null` means it abstains. */
export type Vote = Genre | null;

/**
 * A labelling function: a pure function of one record, carrying its name (stable: reports,
 * vote matrices and the staff page key on it) and a one-line description of its rule.
 */
export interface LabellingFunction {
  (record: BookRecord): Vote;
  readonly lfName: string;
  readonly description: string;
}

export function defineLf(name: string, description: string, rule: (record: BookRecord) => Vote): LabellingFunction {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`Labelling function name "${name}" must be snake_case ASCII`);
  const fn = ((record: BookRecord) => rule(record)) as LabellingFunction;
  Object.defineProperty(fn, "name", { value: name });
  Object.defineProperty(fn, "lfName", { value: name, enumerable: true });
  Object.defineProperty(fn, "description", { value: description, enumerable: true });
  return fn;
}

/** What the labelling code needs of a labelled book (ml/data's `LabelledBook` has it). */
export type LabelledLike = Pick<LabelledBook, "record" | "label" | "isValid">;
