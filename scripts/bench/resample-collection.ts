/**
 * A large collection file for benchmarks, made by resampling the rows of a BL export (seeded,
 * with replacement). Every column is kept as catalogued except `BL record ID`, which gets a
 * fresh unique id, so the file can be ingested, indexed and predicted like the real export.
 *
 * Fresh ids are "9" followed by the 9-digit row number: ten digits, unlike the export's nine,
 * so they cannot collide with a source id (checked anyway).
 */
import fs from "node:fs";
import { once } from "node:events";
import { CsvScanner } from "@/lib/records/csv-scanner";
import { COLUMN_OF, findColumn } from "@/lib/records/columns";
import { buildRandom } from "@/ml/data/random";

export interface ResampleOptions {
  input: string;
  output: string;
  rows: number;
  seed: number;
  /** Called now and then with the rows written so far. */
  onProgress?: (written: number, total: number) => void;
}

export interface ResampleSummary {
  /** Source rows that could be resampled. */
  sourceRows: number;
  /** Source rows the scanner could not read (wrong cell count, broken quoting), not resampled. */
  skippedSourceRows: Array<{ line: number; reason: string }>;
  rows: number;
  bytes: number;
}

export class ResampleError extends Error {
  override name = "ResampleError";
}

const MAX_ROWS = 999_999_999;

/** The seed `npm run data:resample` and `npm run bench:ml` use by default (the same file). */
export const RESAMPLE_SEED = 20261125;

export function toFreshId(row: number): string {
  return `9${String(row).padStart(9, "0")}`;
}

function toCsvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

interface SourceRows {
  header: string[];
  /** Per row, the serialised cells before and after the id cell (each with its comma). */
  before: string[];
  after: string[];
  ids: Set<string>;
  skipped: Array<{ line: number; reason: string }>;
}

async function readSourceRows(input: string): Promise<SourceRows> {
  let header: string[] | null = null;
  let idIndex = -1;
  const before: string[] = [];
  const after: string[] = [];
  const ids = new Set<string>();
  const skipped: Array<{ line: number; reason: string }> = [];
  const scanner: CsvScanner = new CsvScanner({
    onRow: (cells, line) => {
      if (!header) {
        header = cells.map((c) => c.replace(/^\uFEFF/, ""));
        idIndex = findColumn(header, COLUMN_OF.id);
        if (idIndex === -1) throw new ResampleError(`${input}: the header has no "${COLUMN_OF.id}" column (line ${line})`);
        scanner.expectedColumns = header.length;
        return;
      }
      const quoted = cells.map(toCsvCell);
      before.push(quoted.slice(0, idIndex).map((c) => `${c},`).join(""));
      after.push(quoted.slice(idIndex + 1).map((c) => `,${c}`).join(""));
      ids.add(cells[idIndex]!.trim());
    },
    onBadRow: (bad) => skipped.push({ line: bad.line, reason: bad.reason }),
  });
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(input, fs.constants.R_OK);
    stream = fs.createReadStream(input, { encoding: "utf8", highWaterMark: 1 << 20 });
  } catch (cause) {
    throw new ResampleError(`cannot read the collection file ${input}: ${(cause as Error).message}`, { cause });
  }
  for await (const text of stream as AsyncIterable<string>) scanner.feed(text);
  scanner.end();
  if (!header) throw new ResampleError(`${input} is empty: expected a BL export header with "${COLUMN_OF.id}"`);
  if (before.length === 0) throw new ResampleError(`${input} has a header but no readable rows to resample`);
  return { header, before, after, ids, skipped };
}

/** Writes `rows` rows drawn (seeded, with replacement) from `input`, each with a fresh id. */
export async function writeResampledCollection(opts: ResampleOptions): Promise<ResampleSummary> {
  if (!Number.isInteger(opts.rows) || opts.rows < 1 || opts.rows > MAX_ROWS) {
    throw new ResampleError(`rows must be an integer from 1 to ${MAX_ROWS}, got ${opts.rows}`);
  }
  if (!Number.isInteger(opts.seed)) throw new ResampleError(`seed must be an integer, got ${opts.seed}`);
  const source = await readSourceRows(opts.input);
  const clash = [...source.ids].find((id) => /^9\d{9}$/.test(id) && Number(id.slice(1)) < opts.rows);
  if (clash) throw new ResampleError(`${opts.input} already has the id ${clash}, which a fresh id would repeat`);
  const random = buildRandom(opts.seed);
  const n = source.before.length;
  const out = fs.createWriteStream(opts.output);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  try {
    await write(`${source.header.map(toCsvCell).join(",")}\n`);
    let chunk = "";
    for (let i = 0; i < opts.rows; i++) {
      const r = Math.floor(random() * n);
      chunk += `${source.before[r]!}${toFreshId(i)}${source.after[r]!}\n`;
      // Large writes: one stream write per row would cost more than building the rows.
      if (chunk.length >= 1 << 22) {
        await write(chunk);
        chunk = "";
        opts.onProgress?.(i + 1, opts.rows);
      }
    }
    await write(chunk);
    opts.onProgress?.(opts.rows, opts.rows);
  } finally {
    out.end();
    await once(out, "close");
  }
  return { sourceRows: n, skippedSourceRows: source.skipped, rows: opts.rows, bytes };
}
