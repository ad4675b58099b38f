import type Database from "better-sqlite3";
import type { ChangeExample } from "@/lib/jobs/types";

/**
 * How many records have a different value in `to` than in `from` (new, changed or dropped),
 * with a few examples. Done in SQL: versions hold every record, too many to diff in JS per job.
 */
export function diffPredictionVersions(
  db: Database.Database,
  generator: string,
  from: string | null,
  to: string,
  exampleLimit = 5,
): { changed: number; examples: ChangeExample[] } {
  const changedOrNew = `
    SELECT n.record_id AS record_id, o.value AS from_value, n.value AS to_value
    FROM predictions n
    LEFT JOIN predictions o ON o.generator = n.generator AND o.version = @from AND o.record_id = n.record_id
    WHERE n.generator = @generator AND n.version = @to AND (o.value IS NULL OR o.value <> n.value)`;
  const dropped = `
    SELECT o.record_id AS record_id, o.value AS from_value, NULL AS to_value
    FROM predictions o
    WHERE o.generator = @generator AND o.version = @from
      AND NOT EXISTS (SELECT 1 FROM predictions n WHERE n.generator = o.generator AND n.version = @to AND n.record_id = o.record_id)`;
  const params = { generator, from: from ?? "", to };
  const count = db.prepare(`SELECT (SELECT count(*) FROM (${changedOrNew})) + (SELECT count(*) FROM (${dropped})) AS n`).get(params) as { n: number };
  const rows = db
    .prepare(
      `SELECT d.record_id, d.from_value, d.to_value, json_extract(r.json, '$.title') AS title
       FROM (${changedOrNew} UNION ALL ${dropped}) d LEFT JOIN records r ON r.id = d.record_id
       ORDER BY (d.from_value IS NULL), d.record_id LIMIT @limit`,
    )
    .all({ ...params, limit: exampleLimit }) as Array<{ record_id: string; from_value: string | null; to_value: string | null; title: string | null }>;
  return {
    changed: count.n,
    examples: rows.map((r) => ({ recordId: r.record_id, title: r.title, from: r.from_value, to: r.to_value })),
  };
}
