import fs from "node:fs";
import { parseCsvText } from "@/lib/records/csv-scanner";
import type { Prediction, Store } from "@/lib/store/types";

/**
 * Loads hand-written prediction versions (e2e/fixtures/predictions.csv) into a store, the way a
 * generator run would: one stored version per (generator, version), the newest made live.
 * Columns: generator, version, created_at, record_id, value, confidence.
 */
export function loadFixturePredictions(store: Store, file: string): { versions: number; rows: number } {
  const { rows, bad } = parseCsvText(fs.readFileSync(file, "utf8"));
  if (bad.length > 0) throw new Error(`${file}: unreadable CSV at line ${bad[0]?.line}`);
  const [header, ...data] = rows;
  const expected = ["generator", "version", "created_at", "record_id", "value", "confidence"];
  if (header?.cells.join(",") !== expected.join(",")) throw new Error(`${file}: header must be ${expected.join(",")}`);

  const versions = new Map<string, { generator: string; version: string; createdAt: string; rows: Prediction[] }>();
  for (const { cells, line } of data) {
    const [generator, version, createdAt, recordId, value, confidenceText] = cells;
    const confidence = Number(confidenceText);
    if (!generator || !version || !createdAt || !recordId || !value || !(confidence >= 0 && confidence <= 1)) {
      throw new Error(`${file}:${line}: every column must be filled and confidence must be 0..1`);
    }
    const key = `${generator}/${version}`;
    const entry = versions.get(key) ?? { generator, version, createdAt, rows: [] };
    entry.rows.push({ recordId, value, confidence });
    versions.set(key, entry);
  }

  const live = new Map<string, { version: string; createdAt: string }>();
  for (const v of versions.values()) {
    store.putPredictionVersion({ generator: v.generator, version: v.version, createdAt: v.createdAt, meta: { source: "e2e fixture" } }, v.rows);
    const current = live.get(v.generator);
    if (!current || v.createdAt > current.createdAt) live.set(v.generator, v);
  }
  for (const [generator, v] of live) store.setCurrentVersion(generator, v.version);
  return { versions: versions.size, rows: data.length };
}
