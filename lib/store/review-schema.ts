/**
 * Tables for public corrections (flags) and human labels (issue 9). Listed in
 * lib/store/migrations.ts; kept here next to lib/store/review.ts, which owns their SQL.
 */
export const REVIEW_MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: "flags-and-human-labels",
    sql: `
      CREATE TABLE IF NOT EXISTS flags (
        id INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL,
        generator TEXT NOT NULL,
        model_version TEXT,
        predicted_value TEXT,
        suggested_value TEXT NOT NULL,
        comment TEXT,
        created_at_ms INTEGER NOT NULL,
        ip_hash TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
        decided_by TEXT,
        decided_at_ms INTEGER,
        human_label_id INTEGER
      );
      CREATE INDEX IF NOT EXISTS flags_state ON flags (state, created_at_ms);
      CREATE INDEX IF NOT EXISTS flags_record ON flags (record_id);
      CREATE TABLE IF NOT EXISTS human_labels (
        id INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL,
        generator TEXT NOT NULL,
        label TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('public-flag', 'staff')),
        who TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        flag_id INTEGER REFERENCES flags (id)
      );
      CREATE INDEX IF NOT EXISTS human_labels_record ON human_labels (record_id, generator, created_at_ms);
    `,
  },
];
