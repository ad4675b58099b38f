import fs from "node:fs";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { CsvScanner, type CsvBadRow } from "@/lib/records/csv-scanner";
import { COLUMN_OF, REQUIRED_COLUMNS, findColumn, type RecordColumnKey } from "@/lib/records/columns";
import {
  isUnparsedDate,
  parseCountries,
  parseLanguages,
  parsePlaces,
  parseYear,
  splitList,
  toOptional,
  toShelfmarkClass,
} from "@/lib/records/normalise";
import type { BookRecord, RejectedRow } from "@/lib/records/types";

/**
 * The project's only reader of record CSVs (the BL catalogue export format and files that
 * extend it, such as the labels file annotations/train_valid.csv).
 *
 * - `parseRecordsFile(path)`: everything in memory (collection-sized files).
 * - `streamRecordsFile(path)`: batches, for million-row prediction inputs.
 * - `parseRecordsText(text)`: the same on a string (tests, uploads).
 *
 * Bad rows are returned as `RejectedRow`s with their 1-based line; a broken quote is
 * recovered from at the next line. File-level problems (empty file, missing required
 * columns, not UTF-8/UTF-16) throw `RecordsFileError`.
 */

export interface ParseRecordsOptions {
  /** "reject" (default): a repeated `BL record ID` is rejected. "keep": labels files repeat ids on purpose. */
  duplicates?: "reject" | "keep";
  /** Columns the header must have; default `BL record ID` and `Title`. Rows must fill `BL record ID` and `Title` regardless. */
  requiredColumns?: readonly string[];
  /** Longer fields reject their row (a 1 MB field is a broken export, not a title). */
  maxFieldChars?: number;
  /**
   * Which columns to copy into `record.fields`: "all" (default), "none", or a list of column
   * names. Prediction on million-row files uses "none" or a short list: building the map is
   * a third of the parse time.
   */
  fields?: "all" | "none" | readonly string[];
  /** Records per batch for `streamRecordsFile` (default 1,000). */
  batchSize?: number;
  /** Called as bytes are read (streaming and whole-file reads). */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface ParseStats {
  /** Data rows seen (accepted + rejected), excluding the header and blank lines. */
  rows: number;
  accepted: number;
  rejected: number;
  /** Accepted records with a non-empty date that gave no year (kept raw). */
  unparsedDates: number;
  blankLines: number;
  /** Header as found in the file (trimmed, BOM removed). */
  columns: string[];
}

export interface ParsedRecords {
  records: BookRecord[];
  rejected: RejectedRow[];
  stats: ParseStats;
}

export type RecordsBatch = ParsedRecords;

export const DEFAULT_MAX_FIELD_CHARS = 100_000;
const DEFAULT_BATCH_SIZE = 1_000;
// Small enough that a batch of records dies young (cheap scavenges), large enough to amortise I/O.
const READ_CHUNK_BYTES = 256 * 1024;

export class RecordsFileError extends Error {
  override name = "RecordsFileError";
}

/** Incremental core shared by the file and text entry points. */
export class RecordsParser {
  records: BookRecord[] = [];
  rejected: RejectedRow[] = [];
  readonly stats: ParseStats = { rows: 0, accepted: 0, rejected: 0, unparsedDates: 0, blankLines: 0, columns: [] };
  /** Lines holding bytes that are not UTF-8 (filled by the byte reader). */
  readonly invalidUtf8Lines = new Set<number>();

  private readonly scanner: CsvScanner;
  private mapper: RowMapper | null = null;
  private readonly seen = new Map<string, number>();
  private readonly duplicates: "reject" | "keep";
  private readonly maxFieldChars: number;
  private headerSeen = false;
  private fed = false;

  constructor(
    private readonly source: string,
    private readonly opts: ParseRecordsOptions = {},
  ) {
    this.duplicates = opts.duplicates ?? "reject";
    this.maxFieldChars = opts.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS;
    this.scanner = new CsvScanner({
      maxRowChars: Math.max(this.maxFieldChars * 4, 16 * 1024 * 1024),
      onRow: (cells, line, endLine) => this.onRow(cells, line, endLine),
      onBadRow: (bad) => this.onBadRow(bad),
    });
  }

  feed(text: string): void {
    const first = !this.fed;
    this.fed = true;
    this.scanner.feed(first && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  }

  end(): void {
    this.scanner.end();
    this.stats.blankLines = this.scanner.blankLines;
    if (!this.headerSeen) {
      throw new RecordsFileError(
        `${this.source} is empty: expected a header row naming the columns (at least ${quoteList(this.requiredColumns())}).`,
      );
    }
  }

  /** Take what has been parsed so far (streaming). */
  takeBatch(): RecordsBatch {
    const batch = { records: this.records, rejected: this.rejected, stats: { ...this.stats, blankLines: this.scanner.blankLines } };
    this.records = [];
    this.rejected = [];
    return batch;
  }

  private requiredColumns(): readonly string[] {
    return this.opts.requiredColumns ?? REQUIRED_COLUMNS;
  }

  private onRow(cells: string[], line: number, endLine: number): void {
    if (!this.headerSeen) {
      this.readHeader(cells);
      return;
    }
    this.stats.rows++;
    const reason = this.rowProblem(cells, line, endLine);
    if (reason !== null) {
      this.reject(line, reason, this.scanner.currentRaw());
      return;
    }
    const record = this.mapper!.toRecord(cells);
    if (this.duplicates === "reject") this.seen.set(ownCopy(record.id), line);
    if (isUnparsedDate(record.dateRaw, record.year)) this.stats.unparsedDates++;
    this.stats.accepted++;
    this.records.push(record);
  }

  private rowProblem(cells: string[], line: number, endLine: number): string | null {
    if (this.invalidUtf8Lines.size > 0) {
      for (let l = line; l <= endLine; l++) {
        if (this.invalidUtf8Lines.has(l)) return `invalid UTF-8 byte sequence on line ${l}`;
      }
    }
    const mapper = this.mapper!;
    const short = this.scanner.currentRawLength() <= this.maxFieldChars;
    for (let i = 0; !short && i < cells.length; i++) {
      const len = cells[i]!.length;
      if (len > this.maxFieldChars) {
        return `field "${mapper.header[i] ?? `#${i + 1}`}" is ${len} characters long, over the limit of ${this.maxFieldChars}`;
      }
    }
    const id = cells[mapper.idIndex]!.trim();
    if (id === "") return `no ${COLUMN_OF.id}`;
    if (cells[mapper.titleIndex]!.trim() === "") return `no ${COLUMN_OF.title} (record ${id})`;
    if (this.duplicates === "reject") {
      const first = this.seen.get(id);
      if (first !== undefined) return `duplicate ${COLUMN_OF.id} ${id} (first seen on line ${first})`;
    }
    return null;
  }

  private onBadRow(bad: CsvBadRow): void {
    if (!this.headerSeen) {
      throw new RecordsFileError(`${this.source}: the header row (line ${bad.line}) cannot be read: ${bad.reason}.`);
    }
    this.stats.rows++;
    this.reject(bad.line, bad.reason, bad.raw);
  }

  private reject(line: number, reason: string, raw: string): void {
    this.stats.rejected++;
    this.rejected.push({ line, reason, raw });
  }

  private readHeader(cells: string[]): void {
    this.headerSeen = true;
    const header = cells.map((c) => c.replace(/^\uFEFF/, "").trim());
    this.stats.columns = header;
    if (header.some((c) => c.includes("\r"))) {
      // Bare CR line ends (old Mac exports) would make the whole file one header line.
      throw new RecordsFileError(`${this.source} uses bare carriage returns (CR) as line ends; save it with LF or CRLF line ends.`);
    }
    const missing = this.requiredColumns().filter((c) => findColumn(header, c) === -1);
    for (const c of REQUIRED_COLUMNS) if (findColumn(header, c) === -1 && !missing.includes(c)) missing.push(c);
    if (missing.length > 0) {
      const separator = header.length === 1 ? [";", "\t", "|"].find((sep) => header[0]!.includes(sep)) : undefined;
      const hint = separator ? ` The header looks ${separator === "\t" ? "tab" : `"${separator}"`}-separated: records files must be comma-separated.` : "";
      throw new RecordsFileError(
        `${this.source} is missing required column(s) ${quoteList(missing)}. Columns found: ${quoteList(header)}.${hint}`,
      );
    }
    this.mapper = new RowMapper(header, this.opts.fields ?? "all");
    this.scanner.expectedColumns = header.length;
  }
}

/** Maps a row's cells to a BookRecord, with column positions resolved once from the header. */
class RowMapper {
  readonly idIndex: number;
  readonly titleIndex: number;
  private readonly at: Record<RecordColumnKey, number>;
  private readonly fieldIndexes: number[];

  constructor(
    readonly header: string[],
    fields: "all" | "none" | readonly string[],
  ) {
    const at = {} as Record<RecordColumnKey, number>;
    for (const key of Object.keys(COLUMN_OF) as RecordColumnKey[]) at[key] = findColumn(header, COLUMN_OF[key]);
    this.at = at;
    this.idIndex = at.id;
    this.titleIndex = at.title;
    if (fields === "all") this.fieldIndexes = header.map((_, i) => i);
    else if (fields === "none") this.fieldIndexes = [];
    else this.fieldIndexes = fields.map((f) => findColumn(header, f)).filter((i) => i !== -1);
  }

  toRecord(cells: string[]): BookRecord {
    const at = this.at;
    const dateRaw = cellAt(cells, at.dateRaw);
    const shelfmark = cellAt(cells, at.shelfmark);
    const fields: Record<string, string> = {};
    const header = this.header;
    for (const i of this.fieldIndexes) {
      const v = cells[i]!;
      if (v === "") continue;
      const t = v.trim();
      if (t !== "") fields[header[i]!] = t;
    }
    return {
      id: cells[this.idIndex]!.trim(),
      title: cells[this.titleIndex]!.trim(),
      name: cellAt(cells, at.name),
      allNames: splitList(cellAt(cells, at.allNames)),
      places: parsePlaces(cellAt(cells, at.places)),
      countries: parseCountries(cellAt(cells, at.countries)),
      publisher: cellAt(cells, at.publisher),
      dateRaw,
      year: parseYear(dateRaw),
      edition: cellAt(cells, at.edition),
      physicalDescription: cellAt(cells, at.physicalDescription),
      shelfmark,
      shelfmarkClass: toShelfmarkClass(shelfmark),
      catalogueGenre: cellAt(cells, at.catalogueGenre),
      topics: cellAt(cells, at.topics),
      languages: parseLanguages(cellAt(cells, at.languages)),
      physicalId: cellAt(cells, at.physicalId),
      link: cellAt(cells, at.link),
      fields,
    };
  }
}

function cellAt(cells: string[], i: number): string | null {
  if (i === -1) return null;
  const v = cells[i]!;
  return v === "" ? null : toOptional(v);
}

/**
 * V8 keeps strings of 13+ characters cut from a chunk as slices that pin the whole chunk; the
 * duplicate-id map lives for the whole file, so it must hold copies, or a million-row file
 * would stay in memory through its ids.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8");
}

function quoteList(names: readonly string[]): string {
  return names.length === 0 ? "(none)" : names.map((n) => `"${n}"`).join(", ");
}

export function parseRecordsText(text: string, opts: ParseRecordsOptions = {}, source = "input"): ParsedRecords {
  const parser = new RecordsParser(source, opts);
  parser.feed(text);
  parser.end();
  return { records: parser.records, rejected: parser.rejected, stats: parser.stats };
}

/**
 * Stream a records file in batches of about `batchSize` records. Always yields at least one
 * batch; each batch's `stats` are running totals, so the last batch holds the file's totals.
 */
export async function* streamRecordsFile(file: string, opts: ParseRecordsOptions = {}): AsyncGenerator<RecordsBatch> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const parser = new RecordsParser(path.basename(file), opts);
  let total: number;
  try {
    total = (await fs.promises.stat(file)).size;
  } catch (cause) {
    throw new RecordsFileError(`Cannot read records file ${file}: ${(cause as Error).message}`, { cause });
  }
  for await (const chunk of readUtf8Chunks(file, parser.invalidUtf8Lines, (bytes) => opts.onProgress?.(bytes, total))) {
    parser.feed(chunk);
    if (parser.records.length >= batchSize) yield parser.takeBatch();
  }
  parser.end();
  yield parser.takeBatch();
}

export async function parseRecordsFile(file: string, opts: ParseRecordsOptions = {}): Promise<ParsedRecords> {
  const records: BookRecord[] = [];
  const rejected: RejectedRow[] = [];
  let stats: ParseStats | undefined;
  for await (const batch of streamRecordsFile(file, { ...opts, batchSize: Number.MAX_SAFE_INTEGER })) {
    for (const r of batch.records) records.push(r);
    for (const r of batch.rejected) rejected.push(r);
    stats = batch.stats;
  }
  return { records, rejected, stats: stats! };
}

/**
 * Read a file as text in chunks cut at line breaks (so no UTF-8 sequence is split), recording
 * the 1-based lines that hold invalid UTF-8: they decode to U+FFFD and their rows are rejected.
 * The next block is read while the current one is parsed (on a busy machine each read waits
 * for a thread-pool slot, and without read-ahead those waits add up to most of the wall time),
 * into two reused buffers rather than a fresh one per chunk.
 */
async function* readUtf8Chunks(file: string, invalidLines: Set<number>, onBytes: (bytesRead: number) => void): AsyncGenerator<string> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch (cause) {
    throw new RecordsFileError(`Cannot read records file ${file}: ${(cause as Error).message}`, { cause });
  }
  const raw = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  let work = Buffer.allocUnsafe(READ_CHUNK_BYTES * 2);
  let filled = 0;
  let position = 0;
  let lineAtStart = 1;
  let first = true;
  const readAt = (at: number) =>
    handle.read(raw, 0, raw.length, at).catch((cause: unknown) => {
      throw new RecordsFileError(`Cannot read records file ${file}: ${(cause as Error).message}`, { cause });
    });
  const decode = (part: Buffer): string => {
    if (!isUtf8(part)) markInvalidLines(part, lineAtStart, invalidLines);
    lineAtStart += countByte(part, LF_BYTE);
    return part.toString("utf8");
  };
  let pending: ReturnType<typeof readAt> | null = readAt(0);
  try {
    while (pending) {
      const { bytesRead } = await pending;
      pending = null;
      if (filled + bytesRead > work.length) {
        // A line longer than the buffer: grow it (a 1 MB field must still be read, then rejected).
        const bigger = Buffer.allocUnsafe(Math.max(work.length * 2, filled + bytesRead));
        work.copy(bigger, 0, 0, filled);
        work = bigger;
      }
      raw.copy(work, filled, 0, bytesRead);
      position += bytesRead;
      if (bytesRead > 0) pending = readAt(position);

      let start = 0;
      const end = filled + bytesRead;
      if (first && end > 0) {
        first = false;
        if ((work[0] === 0xff && work[1] === 0xfe) || (work[0] === 0xfe && work[1] === 0xff)) {
          throw new RecordsFileError(`${path.basename(file)} is UTF-16 encoded; save it as UTF-8 CSV and try again.`);
        }
        if (work[0] === 0xef && work[1] === 0xbb && work[2] === 0xbf) start = 3;
      }
      if (bytesRead === 0) {
        if (end > start) yield decode(work.subarray(start, end));
        onBytes(position);
        return;
      }
      const cut = work.lastIndexOf(LF_BYTE, end - 1);
      if (cut < start) {
        if (start > 0) work.copyWithin(0, start, end);
        filled = end - start;
      } else {
        const text = decode(work.subarray(start, cut + 1));
        work.copyWithin(0, cut + 1, end);
        filled = end - (cut + 1);
        onBytes(position);
        yield text;
      }
    }
  } finally {
    // Let an in-flight read finish before closing its handle (early exit by the consumer).
    await pending?.catch(() => undefined);
    await handle.close();
  }
}

const LF_BYTE = 10;

/** Occurrences of one byte value (line breaks, for line numbers) in a buffer. */
export function countByte(buf: Uint8Array, byte: number): number {
  let count = 0;
  let i = buf.indexOf(byte);
  while (i !== -1) {
    count++;
    i = buf.indexOf(byte, i + 1);
  }
  return count;
}

function markInvalidLines(part: Buffer, firstLine: number, out: Set<number>): void {
  let line = firstLine;
  let start = 0;
  while (start < part.length) {
    const lf = part.indexOf(LF_BYTE, start);
    const end = lf === -1 ? part.length : lf;
    if (!isUtf8(part.subarray(start, end))) out.add(line);
    line++;
    start = end + 1;
  }
}
