import fs from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import { parseRecordsFile } from "@/lib/records/parse";
import type { RejectedRow } from "@/lib/records/types";
import type { IngestSummary, Store } from "@/lib/store/types";

/**
 * Ingest a catalogue CSV into the store: parse (rejecting bad rows with reasons), write the
 * rejects file, and upsert every accepted record in a single transaction, so a failure leaves
 * the store as it was. Identical records are left untouched, so a second run changes nothing.
 */

export interface IngestOptions {
  input: string;
  store: Store;
  /** Folder for `<input-basename>.rejects.csv` (created if needed). */
  rejectsDir: string;
  onProgress?: (phase: "read" | "write", done: number, total: number) => void;
}

export interface IngestResult {
  input: string;
  summary: IngestSummary;
  rejectsFile: string;
  /** Records in the store afterwards (may exceed the file's: ingest never deletes). */
  storeRecords: number;
  seconds: { parse: number; write: number; total: number };
}

export async function ingestRecords(opts: IngestOptions): Promise<IngestResult> {
  const t0 = performance.now();
  const parsed = await parseRecordsFile(opts.input, {
    onProgress: opts.onProgress ? (done, total) => opts.onProgress!("read", done, total) : undefined,
  });
  const t1 = performance.now();

  const rejectsFile = writeRejects(opts.rejectsDir, opts.input, parsed.rejected);

  const total = parsed.records.length;
  const stored = opts.store.upsertRecords(parsed.records, {
    onProgress: opts.onProgress ? (done) => opts.onProgress!("write", done, total) : undefined,
  });
  const t2 = performance.now();

  return {
    input: opts.input,
    summary: {
      read: parsed.stats.rows,
      inserted: stored.inserted,
      updated: stored.updated,
      unchanged: stored.unchanged,
      rejected: parsed.rejected.length,
      unparsedDates: parsed.stats.unparsedDates,
    },
    rejectsFile,
    storeRecords: opts.store.countRecords(),
    seconds: { parse: (t1 - t0) / 1000, write: (t2 - t1) / 1000, total: (t2 - t0) / 1000 },
  };
}

export function rejectsPath(rejectsDir: string, input: string): string {
  return path.join(rejectsDir, `${path.basename(input, path.extname(input))}.rejects.csv`);
}

/** Always (re)written, header-only when nothing was rejected, so a stale file never misleads. */
export function writeRejects(rejectsDir: string, input: string, rejected: readonly RejectedRow[]): string {
  fs.mkdirSync(rejectsDir, { recursive: true });
  const file = rejectsPath(rejectsDir, input);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, stringify(rejected.map((r) => [r.line, r.reason, r.raw]), { header: true, columns: ["line", "reason", "raw"] }));
  fs.renameSync(tmp, file);
  return file;
}

export function formatIngestSummary(result: IngestResult): string {
  const s = result.summary;
  const lines = [
    `Ingested ${result.input}`,
    `  read       ${s.read}`,
    `  inserted   ${s.inserted}`,
    `  updated    ${s.updated}`,
    `  unchanged  ${s.unchanged}`,
    `  rejected   ${s.rejected}${s.rejected > 0 ? `  (see ${result.rejectsFile})` : ""}`,
    `  unparsed dates ${s.unparsedDates} (kept raw)`,
    `  store now holds ${result.storeRecords} records`,
    `  ${result.seconds.total.toFixed(2)} s (parse ${result.seconds.parse.toFixed(2)} s, store ${result.seconds.write.toFixed(2)} s)`,
  ];
  return lines.join("\n");
}
