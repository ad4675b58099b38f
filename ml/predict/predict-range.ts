/**
 * Predicts the rows of one byte range of a CSV file: reads the bytes, scans them with the
 * project's CSV scanner, keeps only the columns the model reads (no record normalisation),
 * hashes and scores each row and returns the output rows as UTF-8 bytes. Runs on the main
 * thread or in a worker (score-worker.ts); predict-csv.ts joins the ranges in file order.
 *
 * A range starts after a line break and owns every row that starts on one of its lines; it
 * reads past its end to finish its last row and reports the line where the next row starts, so
 * the caller can check that the next range started on a row (see csv-ranges.ts).
 */
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { CsvScanner } from "@/lib/records/csv-scanner";
import { COLUMN_OF, findColumn } from "@/lib/records/columns";
import { countByte } from "@/lib/records/parse";
import type { RejectedRow } from "@/lib/records/types";
import type { GenreInput } from "@/ml/features/featurise";
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

/** Scores rows into output text: one reused input object, output built in large strings. */
class RowScorer {
  private readonly places: string[] = [];
  private readonly input: GenreInput & { places: string[] } = { title: "", places: this.places };
  private readonly suffix: string;
  private readonly parts: Uint8Array[] = [];
  private text = "";
  private readonly encoder = new TextEncoder();
  written = 0;
  fiction = 0;

  constructor(
    private readonly model: GenreModel,
    private readonly columns: PredictionColumns,
  ) {
    this.suffix = `,${toCsvCell(model.meta.version)}\n`;
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
    const p = applyCalibration(this.model.meta.calibration, this.model.scorer.logit(input));
    const isFiction = p >= 0.5;
    if (isFiction) this.fiction++;
    this.written++;
    this.text += `${toCsvCell(id)},${isFiction ? "Fiction" : "Non-fiction"},${(isFiction ? p : 1 - p).toFixed(4)},${p.toFixed(4)}${this.suffix}`;
    // Encoding in large pieces: one string per row would cost more than the scoring.
    if (this.text.length >= 1 << 20) this.flush();
    return null;
  }

  flush(): void {
    if (this.text.length > 0) this.parts.push(this.encoder.encode(this.text));
    this.text = "";
  }

  output(): Uint8Array {
    this.flush();
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

export async function predictRange(model: GenreModel, job: RangeJob): Promise<RangeResult> {
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
