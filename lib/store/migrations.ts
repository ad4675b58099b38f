import type Database from "better-sqlite3";
import { PROMOTION_MIGRATIONS } from "@/lib/store/promotion-schema";
import { REVIEW_MIGRATIONS } from "@/lib/store/review-schema";
import { STAFF_MIGRATIONS } from "@/lib/store/staff-schema";

/**
 * Schema migrations, applied in order. The database's `PRAGMA user_version` is the number of
 * migrations already applied, so migration N (1-based position in this list) runs exactly once.
 *
 * To change the schema, APPEND one entry; never edit or reorder an entry that has shipped
 * (databases in the field already ran it):
 *
 *   { name: "jobs", sql: `CREATE TABLE jobs (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ...);` },
 *
 * (or spread a list kept next to its module: `...STAFF_MIGRATIONS`).
 * `sql` may hold several statements; `up` is a function, for data moves. Each migration runs
 * in its own transaction together with the user_version bump, so a failed one leaves the
 * database at the previous version.
 */
export type Migration = { name: string; sql: string } | { name: string; up: (db: Database.Database) => void };

export const MIGRATIONS: readonly Migration[] = [
  {
    name: "records, predictions, revision",
    sql: `
      CREATE TABLE records (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        hash TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO meta (key, value) VALUES ('revision', '0');
      CREATE TABLE prediction_versions (
        generator TEXT NOT NULL,
        version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        meta TEXT NOT NULL,
        records INTEGER NOT NULL,
        PRIMARY KEY (generator, version)
      ) WITHOUT ROWID;
      CREATE TABLE predictions (
        generator TEXT NOT NULL,
        version TEXT NOT NULL,
        record_id TEXT NOT NULL,
        value TEXT NOT NULL,
        confidence REAL NOT NULL,
        extra TEXT,
        PRIMARY KEY (generator, version, record_id),
        FOREIGN KEY (generator, version) REFERENCES prediction_versions (generator, version)
      ) WITHOUT ROWID;
      CREATE INDEX predictions_by_record ON predictions (record_id);
      CREATE TABLE current_versions (
        generator TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        FOREIGN KEY (generator, version) REFERENCES prediction_versions (generator, version)
      ) WITHOUT ROWID;
    `,
  },
  // Staff accounts, sign-in attempts, regeneration jobs and their log (h7-staff).
  ...STAFF_MIGRATIONS,
  // Public flags on predictions and human labels (h11, issue 9).
  ...REVIEW_MIGRATIONS,
  // Open facets promoted to public machine facets (issue 9).
  ...PROMOTION_MIGRATIONS,
];

/** Bring a database up to the latest schema; returns the versions applied. Refuses a newer database. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The store's schema is version ${current} but this code knows only ${migrations.length} migration(s): it was written by a newer version of the project. Update the code, or use a fresh WORK_DIR.`,
    );
  }
  const applied: number[] = [];
  for (let v = current + 1; v <= migrations.length; v++) {
    const m = migrations[v - 1]!;
    db.transaction(() => {
      if ("sql" in m) db.exec(m.sql);
      else m.up(db);
      db.pragma(`user_version = ${v}`);
    })();
    applied.push(v);
  }
  return applied;
}
