import type { BookRecord } from "@/lib/records/types";

/**
 * The durable store: the source of truth. Search indexes are projections of it and can always
 * be rebuilt from it. Nothing outside lib/store knows which database implements it
 * (SQLite via better-sqlite3 by default; PostgreSQL can follow behind the same interface).
 */

export interface IngestSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unparsedDates: number;
}

/** One generator's output for one record, in one version. Never overwritten in place. */
export interface Prediction {
  recordId: string;
  value: string;
  confidence: number;
  /** Optional extra numbers (e.g. p_fiction), JSON-serialisable. */
  extra?: Record<string, number>;
}

export interface PredictionVersion {
  generator: string;
  /** e.g. "genre-2026-11-25T16-40-00Z-ab12cd" */
  version: string;
  createdAt: string;
  /** Model folder, metrics summary, who ran it, labels used... JSON. */
  meta: Record<string, unknown>;
  records: number;
}

export interface UpsertOptions {
  /** Called every few thousand records with the number written so far (progress bars). */
  onProgress?: (done: number) => void;
}

export interface Store {
  /**
   * Insert or update records in one transaction; identical records count as unchanged, and
   * records absent from `records` are left alone. `rejected` is always 0 here (the parser
   * rejects); `unparsedDates` counts records with a date but no year.
   */
  upsertRecords(records: Iterable<BookRecord>, opts?: UpsertOptions): IngestSummary;
  countRecords(): number;
  getRecord(id: string): BookRecord | null;
  iterateRecords(): IterableIterator<BookRecord>;

  /** Write a whole new prediction version in one transaction. Does not make it current. */
  putPredictionVersion(version: Omit<PredictionVersion, "records">, rows: Iterable<Prediction>): PredictionVersion;
  listPredictionVersions(generator: string): PredictionVersion[];
  getCurrentVersion(generator: string): string | null;
  /** Atomically point the generator at a stored version (used by regeneration and rollback). */
  setCurrentVersion(generator: string, version: string): void;
  /** Live predictions of every generator for every record: generator -> recordId -> prediction. */
  getCurrentPredictions(generator: string): Map<string, Prediction>;
  /** All versions' predictions for one record, newest first (record page history). */
  getPredictionHistory(recordId: string): Array<Prediction & { generator: string; version: string; createdAt: string }>;
  /** Monotonic counter bumped whenever any current-version pointer or the records change; servers poll it. */
  getRevision(): number;

  close(): void;
}
