/**
 * Incremental RFC 4180 CSV scanner that knows where every row starts (1-based line numbers)
 * and recovers from broken rows at the next line, so one bad quote never swallows the
 * good rows after it.
 *
 * Written by hand rather than wrapping csv-parse or papaparse: neither can resynchronise after
 * an unterminated quote, and on the 1M-row benchmark (scripts/bench-csv.ts) this scanner is
 * faster than both, because lines without a quote take a `split(",")` fast path.
 */

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

export interface CsvBadRow {
  /** 1-based line where the broken row starts. */
  line: number;
  reason: string;
  /** The text of that line (without its line break): the recovery point is the next line. */
  raw: string;
}

export interface CsvScannerOptions {
  /**
   * A quoted field still open after this many characters is reported as unterminated and the
   * scanner resumes at the line after the one where the row began. Bounds memory on a stray quote.
   */
  maxRowChars?: number;
  /** `line` is where the row starts, `endLine` where it ends (they differ for multi-line quoted fields). */
  onRow(cells: string[], line: number, endLine: number): void;
  onBadRow(bad: CsvBadRow): void;
  /**
   * Lean mode: `keep[i]` says whether cell i is wanted; unwanted cells arrive as "", and on
   * quote-free lines they are never cut from the text (readers that use a few of many columns,
   * such as prediction, otherwise spend their time allocating cells they drop). Cell counts
   * are checked as usual.
   */
  keep?: readonly boolean[];
}

type QuotedScan =
  | { kind: "row"; cells: string[]; end: number; newlines: number }
  | { kind: "more" }
  | { kind: "bad"; reason: string };

export const DEFAULT_MAX_ROW_CHARS = 16 * 1024 * 1024;

export class CsvScanner {
  /** Once set (usually from the header), rows with another number of cells are reported as bad. */
  expectedColumns: number | null = null;
  /** Blank lines seen (not rows; counted so that nothing vanishes unexplained). */
  blankLines = 0;

  private buf = "";
  private line = 1;
  private rowStart = 0;
  private rowEnd = 0;
  private readonly maxRowChars: number;
  private readonly keep: readonly boolean[] | null;

  constructor(private readonly opts: CsvScannerOptions) {
    this.maxRowChars = opts.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
    this.keep = opts.keep ?? null;
  }

  /** Raw text of the row being reported (valid only inside `onRow`). */
  currentRaw(): string {
    return this.buf.slice(this.rowStart, this.rowEnd);
  }

  /** Length of the row being reported (valid only inside `onRow`): no cell can be longer. */
  currentRawLength(): number {
    return this.rowEnd - this.rowStart;
  }

  feed(text: string): void {
    this.buf = this.buf === "" ? text : this.buf + text;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    this.buf = "";
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    let pos = 0;
    // Cached so that a long run of quote-free lines costs one indexOf, not one per line.
    let nextQuote = -2;
    while (pos < n) {
      const lf = buf.indexOf("\n", pos);
      if (lf === -1 && !final) break;
      const lineEnd = lf === -1 ? n : lf;
      const next = lf === -1 ? n : lf + 1;
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = buf.indexOf('"', pos);

      if (nextQuote === -1 || nextQuote >= lineEnd) {
        let end = lineEnd;
        if (end > pos && buf.charCodeAt(end - 1) === CR) end--;
        if (end === pos) {
          this.blankLines++;
        } else {
          this.emit(buf, this.keep ? splitLean(buf, pos, end, this.keep) : buf.slice(pos, end).split(","), pos, end, 0);
        }
        this.line++;
        pos = next;
        continue;
      }

      let scan = scanQuotedRow(buf, pos, final);
      if (scan.kind === "more") {
        if (n - pos <= this.maxRowChars) break;
        scan = { kind: "bad", reason: `unterminated quoted field (still open after ${this.maxRowChars} characters)` };
      }
      if (scan.kind === "row" && scan.newlines > 0 && this.expectedColumns !== null && scan.cells.length !== this.expectedColumns) {
        // A quote that opens but never closes on its line pulls the following lines into one
        // bogus row; the wrong cell count gives it away. Recover at the next line.
        scan = {
          kind: "bad",
          reason: `unterminated quoted field: a quote opened on this line runs over ${scan.newlines} line break(s) and yields ${scan.cells.length} columns instead of ${this.expectedColumns}`,
        };
      }
      if (scan.kind === "bad") {
        this.bad(buf, pos, lineEnd, scan.reason);
        this.line++;
        pos = next;
        continue;
      }
      if (this.keep) for (let c = 0; c < scan.cells.length; c++) if (this.keep[c] !== true) scan.cells[c] = "";
      const rowEnd = scan.end > pos && buf.charCodeAt(scan.end - 1) === LF ? scan.end - 1 : scan.end;
      const trimmedEnd = rowEnd > pos && buf.charCodeAt(rowEnd - 1) === CR ? rowEnd - 1 : rowEnd;
      this.emit(buf, scan.cells, pos, trimmedEnd, scan.newlines);
      this.line += 1 + scan.newlines;
      pos = scan.end;
    }
    this.buf = pos === 0 ? buf : buf.slice(pos);
  }

  private emit(buf: string, cells: string[], start: number, end: number, newlines: number): void {
    const line = this.line;
    if (this.expectedColumns !== null && cells.length !== this.expectedColumns) {
      this.opts.onBadRow({
        line,
        reason: `wrong number of columns: expected ${this.expectedColumns}, found ${cells.length}`,
        raw: buf.slice(start, end),
      });
      return;
    }
    // scan() keeps this.buf === buf until it returns, so currentRaw() can slice it.
    this.rowStart = start;
    this.rowEnd = end;
    this.opts.onRow(cells, line, line + newlines);
  }

  private bad(buf: string, start: number, lineEnd: number, reason: string): void {
    let end = lineEnd;
    if (end > start && buf.charCodeAt(end - 1) === CR) end--;
    this.opts.onBadRow({ line: this.line, reason, raw: buf.slice(start, end) });
  }
}

/** Cells of a quote-free line [pos, end), cutting only the wanted ones. */
function splitLean(buf: string, pos: number, end: number, keep: readonly boolean[]): string[] {
  const cells: string[] = [];
  let i = pos;
  for (;;) {
    const comma = buf.indexOf(",", i);
    if (comma === -1 || comma >= end) {
      cells.push(keep[cells.length] === true ? buf.slice(i, end) : "");
      return cells;
    }
    cells.push(keep[cells.length] === true ? buf.slice(i, comma) : "");
    i = comma + 1;
  }
}

/** Scan one row that contains a quote, starting at `pos`. */
function scanQuotedRow(buf: string, pos: number, final: boolean): QuotedScan {
  const n = buf.length;
  const cells: string[] = [];
  let newlines = 0;
  let i = pos;
  let lf = -2;
  for (;;) {
    if (i < n && buf.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let segStart = j;
      let value = "";
      for (;;) {
        const q = buf.indexOf('"', j);
        if (q === -1) return final ? { kind: "bad", reason: "unterminated quoted field (no closing quote before the end of the file)" } : { kind: "more" };
        if (q + 1 >= n && !final) return { kind: "more" };
        if (buf.charCodeAt(q + 1) === QUOTE) {
          value += buf.slice(segStart, q + 1);
          j = q + 2;
          segStart = j;
          continue;
        }
        value += buf.slice(segStart, q);
        i = q + 1;
        break;
      }
      if (value.includes("\n")) newlines += countChar(value, LF);
      cells.push(value);
      if (i >= n) return final ? { kind: "row", cells, end: n, newlines } : { kind: "more" };
      const c = buf.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= n && final) {
          cells.push("");
          return { kind: "row", cells, end: n, newlines };
        }
        continue;
      }
      if (c === LF) return { kind: "row", cells, end: i + 1, newlines };
      if (c === CR) {
        if (i + 1 >= n) return final ? { kind: "row", cells, end: n, newlines } : { kind: "more" };
        if (buf.charCodeAt(i + 1) === LF) return { kind: "row", cells, end: i + 2, newlines };
      }
      if (newlines > 0) {
        // The "closing" quote was really the opening quote of a later line.
        return { kind: "bad", reason: "unterminated quoted field: a quote opened on this line does not close on it" };
      }
      const snippet = buf.slice(i, Math.min(i + 20, n)).split("\n")[0];
      return { kind: "bad", reason: `malformed quoted field (column ${cells.length}): unexpected characters after the closing quote ("${snippet}")` };
    }
    // Unquoted field: a stray quote inside it is kept literally (it cannot break the row).
    if (lf !== -1 && lf < i) lf = buf.indexOf("\n", i);
    if (lf === -1 && !final) return { kind: "more" };
    const comma = buf.indexOf(",", i);
    if (comma !== -1 && (lf === -1 || comma < lf)) {
      cells.push(buf.slice(i, comma));
      i = comma + 1;
      continue;
    }
    let end = lf === -1 ? n : lf;
    if (end > i && buf.charCodeAt(end - 1) === CR) end--;
    cells.push(buf.slice(i, end));
    return { kind: "row", cells, end: lf === -1 ? n : lf + 1, newlines };
  }
}

function countChar(s: string, code: number): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === code) count++;
  return count;
}

/** Parse a whole CSV text into rows (no recovery reporting): for small trusted inputs and tests. */
export function parseCsvText(text: string): { rows: Array<{ cells: string[]; line: number }>; bad: CsvBadRow[] } {
  const rows: Array<{ cells: string[]; line: number }> = [];
  const bad: CsvBadRow[] = [];
  const scanner = new CsvScanner({ onRow: (cells, line) => rows.push({ cells, line }), onBadRow: (b) => bad.push(b) });
  scanner.feed(text);
  scanner.end();
  return { rows, bad };
}
