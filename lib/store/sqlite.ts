import { hash as digest } from "node:crypto";
import Database from "better-sqlite3";
import { migrate } from "@/lib/store/migrations";
import type { IngestSummary, Prediction, PredictionVersion, Store, UpsertOptions } from "@/lib/store/types";
import type { BookRecord } from "@/lib/records/types";

/** Waits this long for another process's write lock (the worker and the web server share the file). */
export const BUSY_TIMEOUT_MS = 10_000;
const ITERATE_PAGE = 2_000;

export class StoreError extends Error {
  override name = "StoreError";
}

/**
 * The default Store, on one SQLite file (WAL mode, so readers never block the single writer).
 * Records are kept as JSON with a content hash: re-ingesting identical data writes nothing.
 */
export class SqliteStore implements Store {
  /** For other lib/store modules (jobs, staff) that keep their tables in the same file. */
  readonly db: Database.Database;

  constructor(file: string) {
    try {
      this.db = new Database(file);
    } catch (cause) {
      throw new StoreError(`Cannot open the store at ${file}: ${(cause as Error).message}`, { cause });
    }
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (file !== ":memory:") this.db.pragma("journal_mode = WAL");
    // NORMAL is durable in WAL mode except for the last transactions on power loss; never corrupt.
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    migrate(this.db);
  }

  upsertRecords(records: Iterable<BookRecord>, opts: UpsertOptions = {}): IngestSummary {
    const selectHash = this.db.prepare<[string], string>("SELECT hash FROM records WHERE id = ?").pluck();
    const insert = this.db.prepare("INSERT INTO records (id, json, hash, updated_at) VALUES (?, ?, ?, ?)");
    const update = this.db.prepare("UPDATE records SET json = ?, hash = ?, updated_at = ? WHERE id = ?");
    const summary: IngestSummary = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, unparsedDates: 0 };
    const now = new Date().toISOString();
    this.db.transaction(() => {
      // For a bulk load, one scan of the stored hashes beats a lookup per record.
      const known =
        Array.isArray(records) && records.length >= 1_000
          ? new Map(this.db.prepare<[], [string, string]>("SELECT id, hash FROM records").raw().all())
          : null;
      for (const record of records) {
        summary.read++;
        if (record.year === null && record.dateRaw !== null) summary.unparsedDates++;
        const json = JSON.stringify(record);
        const hash = digest("sha1", json, "base64");
        const existing = known ? known.get(record.id) : selectHash.get(record.id);
        // Repeated ids within one call compare with the version just written.
        known?.set(record.id, hash);
        if (existing === undefined) {
          insert.run(record.id, json, hash, now);
          summary.inserted++;
        } else if (existing !== hash) {
          update.run(json, hash, now, record.id);
          summary.updated++;
        } else {
          summary.unchanged++;
        }
        if (opts.onProgress && summary.read % 2_000 === 0) opts.onProgress(summary.read);
      }
      if (summary.inserted + summary.updated > 0) this.bumpRevision();
    })();
    opts.onProgress?.(summary.read);
    return summary;
  }

  countRecords(): number {
    return this.db.prepare<[], number>("SELECT COUNT(*) FROM records").pluck().get() ?? 0;
  }

  getRecord(id: string): BookRecord | null {
    const json = this.db.prepare<[string], string>("SELECT json FROM records WHERE id = ?").pluck().get(id);
    return json === undefined ? null : (JSON.parse(json) as BookRecord);
  }

  /**
   * In insertion order, read page by page so the connection is free between pages
   * (a long-lived SQLite cursor would block writes from this connection).
   */
  *iterateRecords(): IterableIterator<BookRecord> {
    const page = this.db.prepare<[number, number], { rowid: number; json: string }>(
      "SELECT rowid, json FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?",
    );
    let after = 0;
    for (;;) {
      const rows = page.all(after, ITERATE_PAGE);
      for (const row of rows) yield JSON.parse(row.json) as BookRecord;
      if (rows.length < ITERATE_PAGE) return;
      after = rows[rows.length - 1]!.rowid;
    }
  }

  putPredictionVersion(version: Omit<PredictionVersion, "records">, rows: Iterable<Prediction>): PredictionVersion {
    const exists = this.db
      .prepare<[string, string], number>("SELECT 1 FROM prediction_versions WHERE generator = ? AND version = ?")
      .pluck()
      .get(version.generator, version.version);
    if (exists !== undefined) {
      throw new StoreError(`Prediction version ${version.generator}/${version.version} already exists; versions are never overwritten.`);
    }
    const insertVersion = this.db.prepare(
      "INSERT INTO prediction_versions (generator, version, created_at, meta, records) VALUES (?, ?, ?, ?, ?)",
    );
    const setCount = this.db.prepare("UPDATE prediction_versions SET records = ? WHERE generator = ? AND version = ?");
    const insertRow = this.db.prepare(
      "INSERT INTO predictions (generator, version, record_id, value, confidence, extra) VALUES (?, ?, ?, ?, ?, ?)",
    );
    let count = 0;
    this.db.transaction(() => {
      insertVersion.run(version.generator, version.version, version.createdAt, JSON.stringify(version.meta), 0);
      for (const p of rows) {
        if (!Number.isFinite(p.confidence)) {
          throw new StoreError(`Prediction for record ${p.recordId} in ${version.generator}/${version.version} has a non-finite confidence (${p.confidence}).`);
        }
        try {
          insertRow.run(version.generator, version.version, p.recordId, p.value, p.confidence, p.extra ? JSON.stringify(p.extra) : null);
        } catch (cause) {
          throw new StoreError(`Cannot store the prediction for record ${p.recordId} in ${version.generator}/${version.version}: ${(cause as Error).message}`, { cause });
        }
        count++;
      }
      setCount.run(count, version.generator, version.version);
    })();
    return { ...version, records: count };
  }

  listPredictionVersions(generator: string): PredictionVersion[] {
    const rows = this.db
      .prepare<[string], { generator: string; version: string; created_at: string; meta: string; records: number }>(
        "SELECT generator, version, created_at, meta, records FROM prediction_versions WHERE generator = ? ORDER BY created_at DESC, version DESC",
      )
      .all(generator);
    return rows.map((r) => ({
      generator: r.generator,
      version: r.version,
      createdAt: r.created_at,
      meta: JSON.parse(r.meta) as Record<string, unknown>,
      records: r.records,
    }));
  }

  getCurrentVersion(generator: string): string | null {
    return this.db.prepare<[string], string>("SELECT version FROM current_versions WHERE generator = ?").pluck().get(generator) ?? null;
  }

  setCurrentVersion(generator: string, version: string): void {
    this.db.transaction(() => {
      const exists = this.db
        .prepare<[string, string], number>("SELECT 1 FROM prediction_versions WHERE generator = ? AND version = ?")
        .pluck()
        .get(generator, version);
      if (exists === undefined) {
        throw new StoreError(`No stored prediction version ${generator}/${version}; store it with putPredictionVersion first.`);
      }
      if (this.getCurrentVersion(generator) === version) return;
      this.db
        .prepare(
          "INSERT INTO current_versions (generator, version, updated_at) VALUES (?, ?, ?) ON CONFLICT (generator) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at",
        )
        .run(generator, version, new Date().toISOString());
      this.bumpRevision();
    })();
  }

  getCurrentPredictions(generator: string): Map<string, Prediction> {
    const rows = this.db
      .prepare<[string], { record_id: string; value: string; confidence: number; extra: string | null }>(
        `SELECT p.record_id, p.value, p.confidence, p.extra FROM predictions p
         JOIN current_versions c ON c.generator = p.generator AND c.version = p.version
         WHERE p.generator = ?`,
      )
      .all(generator);
    const out = new Map<string, Prediction>();
    for (const r of rows) out.set(r.record_id, toPrediction(r));
    return out;
  }

  getPredictionHistory(recordId: string): Array<Prediction & { generator: string; version: string; createdAt: string }> {
    const rows = this.db
      .prepare<[string], { record_id: string; value: string; confidence: number; extra: string | null; generator: string; version: string; created_at: string }>(
        `SELECT p.record_id, p.value, p.confidence, p.extra, p.generator, p.version, v.created_at FROM predictions p
         JOIN prediction_versions v ON v.generator = p.generator AND v.version = p.version
         WHERE p.record_id = ? ORDER BY v.created_at DESC, v.version DESC`,
      )
      .all(recordId);
    return rows.map((r) => ({ ...toPrediction(r), generator: r.generator, version: r.version, createdAt: r.created_at }));
  }

  getRevision(): number {
    const value = this.db.prepare<[], string>("SELECT value FROM meta WHERE key = 'revision'").pluck().get();
    return Number(value ?? 0);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private bumpRevision(): void {
    this.db.prepare("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'").run();
  }
}

function toPrediction(r: { record_id: string; value: string; confidence: number; extra: string | null }): Prediction {
  const p: Prediction = { recordId: r.record_id, value: r.value, confidence: r.confidence };
  if (r.extra !== null) p.extra = JSON.parse(r.extra) as Record<string, number>;
  return p;
}
