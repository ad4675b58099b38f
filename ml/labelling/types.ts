import type { BookRecord } from "@/lib/records/types";

export type Genre = "Fiction" | "Non-fiction";
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

/** A book with its human genre label and split, as the annotations file gives it. */
export interface LabelledBook {
  record: BookRecord;
  label: Genre;
  /** `is_valid` in the annotations file: validation books are never used for tuning. */
  isValid: boolean;
}
