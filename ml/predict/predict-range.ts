/**
 * Predicts the rows of one byte range of a CSV file: reads the bytes, cuts out only the cells
 * the model reads (no record normalisation), hashes and scores each row and returns the output
 * rows as UTF-8 bytes. Runs on the main thread or in a worker (score-worker.ts); predict-csv.ts
 * joins the ranges in file order.
 *
 * Two ways to read a range, with the same result: `predictRange` reads one-line, well-quoted
 * rows itself, straight from the bytes (the BL export is nearly all such rows), and hands the
 * rest of the range to `scanRange` from the first row it cannot read so; `scanRange` runs the
 * project's CSV scanner over the decoded text and reads anything.
 *
 * A range starts after a line break and owns every row that starts on one of its lines; it
 * reads past its end to finish its last row and reports the line where the next row starts, so
 * the caller can check that the next range started on a row (see csv-ranges.ts).
 */
import fs from "node:fs";
import { isUtf8 } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { CsvScanner } from "@/lib/records/csv-scanner";
import { COLUMN_OF, findColumn } from "@/lib/records/columns";
import { countByte } from "@/lib/records/parse";
import type { RejectedRow } from "@/lib/records/types";
import { UnitRecord, unitsToString, type GenreInput } from "@/ml/features/featurise";
import { applyCalibration } from "@/ml/model/calibration";
import type { GenreModel } from "@/ml/model/artifacts";

export class PredictionInputError extends Error {
  override name = "PredictionInputError";
}

/** Column index of each field the model reads; -1 when the file lacks it. */
export interface PredictionColumns {
  count: number;
  id: number;
  title: number;
  name: number;
  allNames: number;
  places: number;
  publisher: number;
  date: number;
  edition: number;
  physical: number;
  genre: number;
  shelfmark: number;
}

/** Maps a header to the columns used; a header without id or title is an error naming both. */
export function toPredictionColumns(header: readonly string[], file: string): PredictionColumns {
  const cells = header.map((c) => c.replace(/^\uFEFF/, ""));
  const at = (col: string) => findColumn(cells, col);
  const missing = [COLUMN_OF.id, COLUMN_OF.title].filter((col) => at(col) === -1);
  if (missing.length > 0) throw new PredictionInputError(`${file}: the header lacks the column(s) ${missing.map((m) => `"${m}"`).join(", ")}; found ${cells.map((h) => `"${h}"`).join(", ")}`);
  return {
    count: cells.length,
    id: at(COLUMN_OF.id),
    title: at(COLUMN_OF.title),
    name: at(COLUMN_OF.name),
    allNames: at(COLUMN_OF.allNames),
    places: at(COLUMN_OF.places),
    publisher: at(COLUMN_OF.publisher),
    date: at(COLUMN_OF.dateRaw),
    edition: at(COLUMN_OF.edition),
    physical: at(COLUMN_OF.physicalDescription),
    genre: at(COLUMN_OF.catalogueGenre),
    shelfmark: at(COLUMN_OF.shelfmark),
  };
}

export interface RangeJob {
  file: string;
  start: number;
  end: number;
  columns: PredictionColumns;
}

export interface RangeResult {
  start: number;
  end: number;
  /** Output rows (`id,genre,confidence,p_fiction,version\n`...), UTF-8. */
  output: Uint8Array;
  /** Rejected rows, with line numbers counted from the range's first line (1). */
  rejected: RejectedRow[];
  /** Data rows (accepted + rejected) that start in the range. */
  rows: number;
  written: number;
  fiction: number;
  /** Line breaks in [start, end): the range's lines. */
  lines: number;
  /** Range-relative line where the first row after the range starts (null at the end of the file). */
  nextRowLine: number | null;
  /** Byte offset of that line. */
  nextRowByte: number | null;
}

const LF = 10;
const READ_BYTES = 1 << 22;
const OVERRUN_BYTES = 1 << 16;

function toCsvCell(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13) return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

/** First match of /1[4-9]\d\d/ (the year the featuriser and ingest use), without a regex per row. */
export function firstYearIn(text: string): number | null {
  for (let i = 0; i + 3 < text.length; i++) {
    if (text.charCodeAt(i) !== 49) continue;
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    const d = text.charCodeAt(i + 3);
    if (b >= 52 && b <= 57 && c >= 48 && c <= 57 && d >= 48 && d <= 57) return 1000 + (b - 48) * 100 + (c - 48) * 10 + (d - 48);
  }
  return null;
}

/** firstYearIn over code units[start, end). */
export function firstYearInUnits(units: Uint16Array, start: number, end: number): number | null {
  for (let i = start; i + 3 < end; i++) {
    if (units[i] !== 49) continue;
    const b = units[i + 1]!;
    const c = units[i + 2]!;
    const d = units[i + 3]!;
    if (b >= 52 && b <= 57 && c >= 48 && c <= 57 && d >= 48 && d <= 57) return 1000 + (b - 48) * 100 + (c - 48) * 10 + (d - 48);
  }
  return null;
}

/** The scanner's lean mode: only the cells the model reads are cut from the text. */
function toKeptColumns(c: PredictionColumns): boolean[] {
  const keep = new Array<boolean>(c.count).fill(false);
  for (const i of [c.id, c.title, c.name, c.allNames, c.places, c.publisher, c.date, c.edition, c.physical, c.genre, c.shelfmark]) if (i >= 0) keep[i] = true;
  return keep;
}

function cellAt(cells: readonly string[], i: number): string | null {
  if (i < 0) return null;
  const raw = cells[i];
  if (raw === undefined || raw === "") return null;
  const v = raw.trim();
  return v === "" ? null : v;
}

/** "0.0000" ... "1.0000": what toFixed(4) gives for each multiple of 1/10000 in [0, 1]. */
const FIXED4: Uint8Array = (() => {
  const table = new Uint8Array(10001 * 6);
  for (let n = 0; n <= 10000; n++) {
    const text = (n / 10000).toFixed(4);
    for (let k = 0; k < 6; k++) table[n * 6 + k] = text.charCodeAt(k);
  }
  return table;
})();

/**
 * n such that `x.toFixed(4)` is FIXED4's entry n, or -1 when the table cannot say (x outside
 * [0, 1], NaN, or within 1e-9 of a rounding tie, where x * 10000's own rounding error, below
 * 1e-12, could matter): the caller then calls toFixed.
 */
export function fixed4Index(x: number): number {
  if (!(x >= 0 && x <= 1)) return -1;
  const y = x * 10000;
  const floor = Math.floor(y);
  const fraction = y - floor;
  if (fraction < 0.5 - 1e-9) return floor;
  if (fraction > 0.5 + 1e-9) return floor + 1;
  return -1;
}

/** Output rows as UTF-8 bytes, written straight into 1 MiB pieces (no row strings). */
class OutputBytes {
  private readonly parts: Uint8Array[] = [];
  private piece = new Uint8Array(1 << 20);
  private at = 0;
  private readonly encoder = new TextEncoder();

  /** Room for `n` more bytes in the current piece. */
  private room(n: number): void {
    if (this.at + n <= this.piece.length) return;
    if (this.at > 0) this.parts.push(this.piece.subarray(0, this.at));
    this.piece = new Uint8Array(Math.max(1 << 20, n));
    this.at = 0;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.piece.set(b, this.at);
    this.at += b.length;
  }

  /** `text` as UTF-8 (ASCII code units copied one by one; anything else through the encoder). */
  text(text: string): void {
    const n = text.length;
    this.room(n);
    const piece = this.piece;
    let at = this.at;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        this.bytes(this.encoder.encode(text));
        return;
      }
      piece[at++] = c;
    }
    this.at = at;
  }

  /** ASCII code units, one byte each. */
  units(units: Uint16Array, start: number, end: number): void {
    this.room(end - start);
    const piece = this.piece;
    let at = this.at;
    for (let i = start; i < end; i++) piece[at++] = units[i]!;
    this.at = at;
  }

  /** `x.toFixed(4)`. */
  fixed4(x: number): void {
    const n = fixed4Index(x);
    if (n < 0) return this.text(x.toFixed(4));
    this.room(6);
    const piece = this.piece;
    const at = this.at;
    const from = n * 6;
    for (let k = 0; k < 6; k++) piece[at + k] = FIXED4[from + k]!;
    this.at = at + 6;
  }

  output(): Uint8Array {
    if (this.at > 0) this.parts.push(this.piece.subarray(0, this.at));
    this.at = 0;
    this.piece = new Uint8Array(0);
    if (this.parts.length === 1) return this.parts[0]!;
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

const FICTION_CELL = new TextEncoder().encode(",Fiction,");
const NON_FICTION_CELL = new TextEncoder().encode(",Non-fiction,");
const COMMA_CELL = new TextEncoder().encode(",");

/** Namespaces (FEATURE_FIELDS indexes) of the fields the CSV path fills in a UnitRecord. */
const NS = { title: 0, name: 2, place: 3, publisher: 4, edition: 6, physical: 7, genre: 8, shelfmark: 9 } as const;

/** Scores rows into output bytes: one reused input (or record of code units), no string per row. */
class RowScorer {
  private readonly places: string[] = [];
  private readonly input: GenreInput & { places: string[] } = { title: "", places: this.places };
  private readonly record = new UnitRecord();
  /** The id's (and the date's) code units, trimmed to [cellStart, cellEnd). */
  private cell = new Uint16Array(256);
  private cellStart = 0;
  private cellEnd = 0;
  private readonly suffix: Uint8Array;
  private readonly out = new OutputBytes();
  written = 0;
  fiction = 0;

  constructor(
    private readonly model: GenreModel,
    private readonly columns: PredictionColumns,
  ) {
    this.suffix = new TextEncoder().encode(`,${toCsvCell(model.meta.version)}\n`);
  }

  /** Returns null when the row is accepted, else the reason it is rejected. */
  row(cells: readonly string[]): string | null {
    const c = this.columns;
    const id = cellAt(cells, c.id);
    const title = cellAt(cells, c.title);
    if (!id || !title) return !id && !title ? "no BL record ID and no Title" : !id ? "no BL record ID" : "no Title";
    const input = this.input;
    input.title = title;
    input.name = cellAt(cells, c.name) ?? cellAt(cells, c.allNames);
    const place = cellAt(cells, c.places);
    this.places.length = 0;
    if (place) this.places.push(place);
    input.publisher = cellAt(cells, c.publisher);
    const date = cellAt(cells, c.date);
    input.dateRaw = date;
    input.year = date ? firstYearIn(date) : null;
    input.edition = cellAt(cells, c.edition);
    input.physicalDescription = cellAt(cells, c.physical);
    input.catalogueGenre = cellAt(cells, c.genre);
    input.shelfmarkClass = cellAt(cells, c.shelfmark);
    this.out.text(toCsvCell(id));
    this.finish(applyCalibration(this.model.meta.calibration, this.model.scorer.logit(input)));
    return null;
  }

  /**
   * `row` for a row of the fast path: the cells `splitter` found in `bytes` (valid UTF-8) are
   * decoded into code units and trimmed as cellAt trims, with the same checks and the same
   * features, so with the same output; only an id that needs quoting or is not ASCII becomes a
   * string.
   */
  rowBytes(bytes: Uint8Array, splitter: LineSplitter): string | null {
    const c = this.columns;
    const r = this.record;
    r.clear();
    const hasId = this.decodeCell(bytes, splitter, c.id);
    const idStart = this.cellStart;
    const idEnd = this.cellEnd;
    const hasTitle = this.decodeField(bytes, splitter, c.title, NS.title);
    if (!hasId || !hasTitle) return !hasId && !hasTitle ? "no BL record ID and no Title" : !hasId ? "no BL record ID" : "no Title";
    if (!this.decodeField(bytes, splitter, c.name, NS.name)) this.decodeField(bytes, splitter, c.allNames, NS.name);
    this.decodeField(bytes, splitter, c.places, NS.place);
    this.decodeField(bytes, splitter, c.publisher, NS.publisher);
    // The id's units stay at the front of `cell`; the date goes after them.
    r.year = this.decodeCell(bytes, splitter, c.date, idEnd) ? firstYearInUnits(this.cell, this.cellStart, this.cellEnd) : null;
    this.decodeField(bytes, splitter, c.edition, NS.edition);
    this.decodeField(bytes, splitter, c.physical, NS.physical);
    this.decodeField(bytes, splitter, c.genre, NS.genre);
    this.decodeField(bytes, splitter, c.shelfmark, NS.shelfmark);
    this.writeId(this.cell, idStart, idEnd);
    this.finish(applyCalibration(this.model.meta.calibration, this.model.scorer.logitOfUnits(r)));
    return null;
  }

  /** Decodes column `col` into the record as field `ns`, trimmed; false (and no field) when it is absent or blank. */
  private decodeField(bytes: Uint8Array, splitter: LineSplitter, col: number, ns: number): boolean {
    if (col < 0) return false;
    const s = splitter.starts[col]!;
    const e = splitter.ends[col]!;
    if (s === e) return false;
    const r = this.record;
    const units = r.reserve(e - s);
    let from = r.used;
    let to = decodeUtf8(bytes, s, e, splitter.escaped[col] === 1, units, from);
    while (from < to && isTrimmed(units[from]!)) from++;
    while (to > from && isTrimmed(units[to - 1]!)) to--;
    if (from === to) return false;
    r.setRange(ns, from, to);
    r.used = to;
    return true;
  }

  /** Decodes column `col` into `cell` from `at`, trimmed to [cellStart, cellEnd); false when absent or blank. */
  private decodeCell(bytes: Uint8Array, splitter: LineSplitter, col: number, at = 0): boolean {
    if (col < 0) return false;
    const s = splitter.starts[col]!;
    const e = splitter.ends[col]!;
    if (s === e) return false;
    if (at + e - s > this.cell.length) {
      const bigger = new Uint16Array(Math.max(this.cell.length * 2, at + e - s));
      bigger.set(this.cell.subarray(0, at));
      this.cell = bigger;
    }
    const units = this.cell;
    let from = at;
    let to = decodeUtf8(bytes, s, e, splitter.escaped[col] === 1, units, at);
    while (from < to && isTrimmed(units[from]!)) from++;
    while (to > from && isTrimmed(units[to - 1]!)) to--;
    this.cellStart = from;
    this.cellEnd = to;
    return from < to;
  }

  /** `toCsvCell(id)` as UTF-8: ASCII ids without quotes, commas or line breaks are copied unit by unit. */
  private writeId(units: Uint16Array, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const u = units[i]!;
      if (u >= 128 || u === 34 || u === 44 || u === 10 || u === 13) {
        this.out.text(toCsvCell(unitsToString(units, start, end)));
        return;
      }
    }
    this.out.units(units, start, end);
  }

  /** Writes `,${genre},${confidence},${p},${version}\n` after the id. */
  private finish(p: number): void {
    const isFiction = p >= 0.5;
    if (isFiction) this.fiction++;
    this.written++;
    // `${toCsvCell(id)},${genre},${confidence.toFixed(4)},${p.toFixed(4)},${version}\n`
    const out = this.out;
    if (isFiction) {
      out.bytes(FICTION_CELL);
      out.fixed4(p);
    } else {
      out.bytes(NON_FICTION_CELL);
      out.fixed4(1 - p);
    }
    out.bytes(COMMA_CELL);
    out.fixed4(p);
    out.bytes(this.suffix);
  }

  output(): Uint8Array {
    return this.out.output();
  }
}

/**
 * The general path: the project's CSV scanner over the decoded text, reading past the end to
 * finish the last row (any row, however quoted or broken). `predictRange` falls back on it;
 * exported so that tests can compare the two.
 */
export async function scanRange(model: GenreModel, job: RangeJob): Promise<RangeResult> {
  const scorer = new RowScorer(model, job.columns);
  const rejected: RejectedRow[] = [];
  let rows = 0;
  let lines = 0;
  let nextRowLine: number | null = null;
  // The last range also owns a final line without a line break (line `lines + 1`).
  let lastRange = false;
  const owns = (line: number): boolean => {
    if (nextRowLine !== null) return false;
    if (line > lines && !lastRange) {
      nextRowLine = line;
      return false;
    }
    return true;
  };
  const scanner: CsvScanner = new CsvScanner({
    onRow: (cells, line) => {
      if (!owns(line)) return;
      rows++;
      const reason = scorer.row(cells);
      if (reason !== null) rejected.push({ line, reason, raw: scanner.currentRaw() });
    },
    onBadRow: (bad) => {
      if (!owns(bad.line)) return;
      rows++;
      rejected.push({ line: bad.line, reason: bad.reason, raw: bad.raw });
    },
    keep: toKeptColumns(job.columns),
  });
  scanner.expectedColumns = job.columns.count;
  const decoder = new StringDecoder("utf8");
  const handle = await fs.promises.open(job.file, "r");
  // Byte offsets of the line breaks read past the end: where the next row starts.
  const overrunBreaks: number[] = [];
  try {
    lastRange = job.end >= (await handle.stat()).size;
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    let pos = job.start;
    let eof = false;
    // The whole range first: `lines` must be known before a row after it can be recognised,
    // and rows are only emitted once their line break is fed, so count each piece before feeding it.
    while (pos < job.end) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, job.end - pos), pos);
      if (bytesRead === 0) {
        eof = true;
        break;
      }
      const piece = buffer.subarray(0, bytesRead);
      lines += countByte(piece, LF);
      pos += bytesRead;
      // A row on the range's last line is owned by it; one starting after it is seen only in the overrun.
      scanner.feed(decoder.write(piece));
    }
    while (!eof && nextRowLine === null) {
      const { bytesRead } = await handle.read(buffer, 0, OVERRUN_BYTES, pos);
      if (bytesRead === 0) {
        eof = true;
        break;
      }
      const piece = buffer.subarray(0, bytesRead);
      for (let p = piece.indexOf(LF); p !== -1; p = piece.indexOf(LF, p + 1)) overrunBreaks.push(pos + p);
      pos += bytesRead;
      scanner.feed(decoder.write(piece));
    }
    if (eof) {
      scanner.feed(decoder.end());
      scanner.end();
    }
  } finally {
    await handle.close();
  }
  const next = nextRowLine as number | null;
  // Line `lines + 1` starts at `end`; line `lines + 1 + k` after the k-th line break read past it.
  const nextRowByte = next === null ? null : next === lines + 1 ? job.end : (overrunBreaks[next - lines - 2] ?? job.end) + 1;
  return { start: job.start, end: job.end, output: scorer.output(), rejected, rows, written: scorer.written, fiction: scorer.fiction, lines, nextRowLine: next, nextRowByte };
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
/** Longer lines go to the general scanner (which bounds quoted rows by characters). */
const MAX_FAST_LINE = 1 << 20;
/** Larger ranges go to the general scanner, which reads in pieces. */
const MAX_FAST_RANGE = 1 << 28;

/**
 * Cell bounds of one-line rows, read from their UTF-8 bytes as CsvScanner reads their text
 * (quotes, commas and line ends are single bytes that no other character's bytes contain): a
 * cell starting with a quote runs to the closing quote (doubled quotes inside), any other cell
 * to the next comma (a quote inside it is literal), and one CR before the line's end is dropped.
 */
export class LineSplitter {
  /** Per column: where the cell's bytes start and end (inside the quotes of a quoted cell). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 for a quoted cell holding doubled quotes (to be undoubled). */
  readonly escaped: Uint8Array;

  constructor(readonly count: number) {
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.escaped = new Uint8Array(count);
  }

  /**
   * Cells of the line bytes[p, e) (e is its line break, or the end of the bytes): returns their
   * number (always `count`), 0 for a blank line, or -1 when the general scanner must read it:
   * a quoted field that does not close on the line (a quoted line break, or a broken quote),
   * characters after a closing quote, or a cell count other than the header's.
   */
  split(bytes: Uint8Array, p: number, e: number): number {
    if (e === p || (e === p + 1 && bytes[p] === CR)) return 0;
    const count = this.count;
    const starts = this.starts;
    const ends = this.ends;
    const escaped = this.escaped;
    let k = 0;
    let i = p;
    for (;;) {
      if (k === count) return -1;
      if (i < e && bytes[i] === QUOTE) {
        const from = i + 1;
        let q = from;
        let doubled = 0;
        for (;;) {
          while (q < e && bytes[q] !== QUOTE) q++;
          if (q >= e) return -1;
          if (q + 1 < e && bytes[q + 1] === QUOTE) {
            doubled = 1;
            q += 2;
            continue;
          }
          break;
        }
        starts[k] = from;
        ends[k] = q;
        escaped[k] = doubled;
        k++;
        i = q + 1;
        if (i === e) return k === count ? k : -1;
        const c = bytes[i];
        if (c === COMMA) {
          i++;
          continue;
        }
        if (c === CR && i + 1 === e) return k === count ? k : -1;
        return -1;
      }
      let j = i;
      while (j < e && bytes[j] !== COMMA) j++;
      starts[k] = i;
      escaped[k] = 0;
      if (j < e) {
        ends[k] = j;
        k++;
        i = j + 1;
        continue;
      }
      ends[k] = e > i && bytes[e - 1] === CR ? e - 1 : e;
      k++;
      return k === count ? k : -1;
    }
  }
}

/** What String.prototype.trim removes (WhiteSpace and LineTerminator code units). */
export function isTrimmed(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Decodes the valid UTF-8 bytes[s, e) into units from `at` (doubled quotes undoubled when
 * `escaped`); returns the end. `units` must have room for e - s units.
 */
export function decodeUtf8(bytes: Uint8Array, s: number, e: number, escaped: boolean, units: Uint16Array, at: number): number {
  let i = s;
  while (i < e) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units[at++] = b;
      i += escaped && b === QUOTE ? 2 : 1;
    } else if (b < 0xe0) {
      units[at++] = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      units[at++] = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      const cp = (((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f)) - 0x10000;
      units[at++] = 0xd800 + (cp >> 10);
      units[at++] = 0xdc00 + (cp & 0x3ff);
      i += 4;
    }
  }
  return at;
}

async function readRange(file: string, start: number, end: number): Promise<{ bytes: Buffer; size: number } | null> {
  const handle = await fs.promises.open(file, "r");
  try {
    const size = (await handle.stat()).size;
    // One byte past the end too: how the line after the range starts.
    const want = Math.min(end + 1, size) - start;
    if (want <= 0 || want > MAX_FAST_RANGE) return null;
    const bytes = Buffer.allocUnsafe(want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await handle.read(bytes, filled, want - filled, start + filled);
      if (bytesRead === 0) return null;
      filled += bytesRead;
    }
    return { bytes, size };
  } finally {
    await handle.close();
  }
}

/**
 * Predicts a byte range. The fast path reads the range in one piece and, when it is valid
 * UTF-8, scans it as a latin1 string (one character per byte): rows of ASCII bytes are cut
 * straight from it, other rows are decoded alone; only the cells the model reads become
 * strings. It reads rows that are one line each and well quoted; from the first row it cannot
 * read so (a quoted line break, a broken quote, a wrong cell count, a row that may run past the
 * range), the rest of the range goes to the general scanner (`scanRange`). The results are
 * those of `scanRange` on the whole range.
 */
export async function predictRange(model: GenreModel, job: RangeJob): Promise<RangeResult> {
  const read = job.end > job.start ? await readRange(job.file, job.start, job.end) : null;
  if (!read) return scanRange(model, job);
  const { bytes, size } = read;
  const len = job.end - job.start;
  const lastRange = job.end >= size;
  if (len > bytes.length || !isUtf8(bytes.subarray(0, len))) return scanRange(model, job);
  // Rows are read up to `stop`. A range that is not the file's last ends with a line break,
  // and its last row is this one's if the next line starts with something other than a line
  // break (the general scanner would then report that next row on the following line);
  // otherwise the last line, like a last line without a line break, goes to the general scanner.
  let stop = len;
  const endsWithBreak = bytes[len - 1] === LF;
  if (!lastRange) {
    if (!endsWithBreak) return scanRange(model, job);
    const after = bytes.length > len ? bytes[len]! : -1;
    if (after === -1 || after === LF || after === CR) stop = len >= 2 ? bytes.lastIndexOf(LF, len - 2) + 1 : 0;
  } else if (!endsWithBreak) {
    stop = bytes.lastIndexOf(LF, len - 1) + 1;
  }
  const columns = job.columns;
  const scorer = new RowScorer(model, columns);
  const splitter = new LineSplitter(columns.count);
  const rejected: RejectedRow[] = [];
  let rows = 0;
  let line = 1;
  let pos = 0;
  while (pos < stop) {
    const lf = bytes.indexOf(LF, pos);
    if (lf === -1 || lf - pos > MAX_FAST_LINE) break;
    const n = splitter.split(bytes, pos, lf);
    if (n < 0) break;
    if (n > 0) {
      rows++;
      const reason = scorer.rowBytes(bytes, splitter);
      // The line decoded alone: it ends at a line break, so its text is that of the whole range's decoding.
      if (reason !== null) rejected.push({ line, reason, raw: bytes.toString("utf8", pos, lf > pos && bytes[lf - 1] === CR ? lf - 1 : lf) });
    }
    line++;
    pos = lf + 1;
  }
  const fast: RangeResult = {
    start: job.start,
    end: job.end,
    output: scorer.output(),
    rejected,
    rows,
    written: scorer.written,
    fiction: scorer.fiction,
    lines: line - 1,
    nextRowLine: lastRange ? null : line,
    nextRowByte: lastRange ? null : job.end,
  };
  if (pos >= len) return fast;
  // The rest from the row the fast path could not read: it starts on line `line`, after a line break.
  const rest = await scanRange(model, { ...job, start: job.start + pos });
  const offset = line - 1;
  const output = new Uint8Array(fast.output.length + rest.output.length);
  output.set(fast.output, 0);
  output.set(rest.output, fast.output.length);
  for (const r of rest.rejected) rejected.push({ ...r, line: r.line + offset });
  return {
    start: job.start,
    end: job.end,
    output,
    rejected,
    rows: rows + rest.rows,
    written: fast.written + rest.written,
    fiction: fast.fiction + rest.fiction,
    lines: offset + rest.lines,
    nextRowLine: rest.nextRowLine === null ? null : rest.nextRowLine + offset,
    nextRowByte: rest.nextRowByte,
  };
}
