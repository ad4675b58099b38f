/**
 * Table for open facets promoted to public machine facets (issue 9). Listed in
 * lib/store/migrations.ts; kept next to lib/store/promotions.ts, which owns its SQL.
 */
export const PROMOTION_MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: "promoted-open-facets",
    sql: `
      CREATE TABLE IF NOT EXISTS promoted_facets (
        slug TEXT NOT NULL,
        version INTEGER NOT NULL,
        label TEXT NOT NULL,
        pos TEXT NOT NULL,
        neg TEXT NOT NULL,
        threshold REAL NOT NULL,
        vector_version TEXT NOT NULL,
        promoted_by TEXT NOT NULL,
        promoted_at TEXT NOT NULL,
        retired_by TEXT,
        retired_at TEXT,
        card_json TEXT NOT NULL,
        card_md TEXT NOT NULL,
        PRIMARY KEY (slug, version)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX IF NOT EXISTS promoted_facets_one_active ON promoted_facets (slug) WHERE retired_at IS NULL;
    `,
  },
];
