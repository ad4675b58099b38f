/**
 * Splitting a CSV file into byte ranges that threads can scan independently. A range starts
 * right after a line break; whether that line break really ends a row (and not a line inside a
 * quoted field) is only known to whoever scanned the text before it, so each range reports
 * where its last row ended (see predict-range.ts) and the caller re-scans a range that started
 * in the wrong place. With the BL export this never happens in practice, but it keeps the
 * result identical to one scanner reading the whole file.
 */
import fs from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { CsvScanner } from "@/lib/records/csv-scanner";

export interface CsvHeader {
  cells: string[];
  /** Byte offset of the first data line. */
  dataStart: number;
  /** Lines the header occupies (1 unless a header cell holds a line break). */
  lines: number;
}

const LF = 10;

/** Reads the header row with the project's scanner; null for an empty file. */
export async function readCsvHeader(file: string): Promise<CsvHeader | null> {
  const handle = await fs.promises.open(file, "r");
  try {
    let header: { cells: string[]; endLine: number } | null = null;
    const scanner = new CsvScanner({
      onRow: (cells, _line, endLine) => {
        header ??= { cells, endLine };
      },
      onBadRow: (bad) => {
        if (!header) throw new Error(`${file}: the header (line ${bad.line}) is not readable CSV: ${bad.reason}`);
      },
    });
    const decoder = new StringDecoder("utf8");
    const chunk = Buffer.allocUnsafe(1 << 16);
    const bytes: Buffer[] = [];
    let offset = 0;
    while (!header) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      if (bytesRead === 0) {
        scanner.feed(decoder.end());
        scanner.end();
        break;
      }
      const part = Buffer.from(chunk.subarray(0, bytesRead));
      bytes.push(part);
      offset += bytesRead;
      scanner.feed(decoder.write(part));
    }
    const found = header as { cells: string[]; endLine: number } | null;
    if (!found) return null;
    // Blank lines before the header and line breaks inside it: the data starts after the endLine-th LF.
    const all = Buffer.concat(bytes);
    let pos = -1;
    for (let n = 0; n < found.endLine; n++) {
      pos = all.indexOf(LF, pos + 1);
      if (pos === -1) return { cells: found.cells, dataStart: all.length, lines: found.endLine };
    }
    return { cells: found.cells, dataStart: pos + 1, lines: found.endLine };
  } finally {
    await handle.close();
  }
}

/**
 * Cuts [start, size) into about `parts` ranges, each beginning just after a line break (the
 * first at `start`). Ranges may be fewer than asked when lines are long.
 */
export async function splitAtLineBreaks(file: string, start: number, size: number, parts: number): Promise<Array<{ start: number; end: number }>> {
  const cuts = [start];
  const handle = await fs.promises.open(file, "r");
  try {
    const probe = Buffer.allocUnsafe(1 << 16);
    for (let k = 1; k < parts; k++) {
      let at = Math.max(start + Math.floor(((size - start) * k) / parts), cuts.at(-1)!);
      let cut = -1;
      while (at < size && cut === -1) {
        const { bytesRead } = await handle.read(probe, 0, probe.length, at);
        if (bytesRead === 0) break;
        const lf = probe.subarray(0, bytesRead).indexOf(LF);
        if (lf === -1) at += bytesRead;
        else cut = at + lf + 1;
      }
      if (cut === -1 || cut >= size) break;
      if (cut > cuts.at(-1)!) cuts.push(cut);
    }
  } finally {
    await handle.close();
  }
  return cuts.map((s, i) => ({ start: s, end: cuts[i + 1] ?? size }));
}
