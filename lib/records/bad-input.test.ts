import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_FIELD_CHARS, RecordsFileError, parseRecordsFile } from "@/lib/records/parse";

/**
 * Generated bad input: each case writes a small file (built here, from invented rows) and
 * checks that every bad row is reported with its line and every good row is kept.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const HEADER = "BL record ID,Title,Place of publication,Date of publication";
const good = (n: number) => `${String(n).padStart(9, "0")},Invented title number ${n},London,18${String(n % 100).padStart(2, "0")}`;

/** Rows 1..count as lines 2..count+1. */
function goodRows(count: number, from = 1): string[] {
  return Array.from({ length: count }, (_, i) => good(from + i));
}

describe("generated bad input", () => {
  it("handles a BOM and CRLF line ends", async () => {
    const file = write("bom-crlf.csv", "\uFEFF" + [HEADER, ...goodRows(3)].join("\r\n") + "\r\n");
    const { records, rejected, stats } = await parseRecordsFile(file);
    expect(rejected).toEqual([]);
    expect(stats.columns[0]).toBe("BL record ID");
    expect(records.map((r) => r.title)).toEqual(["Invented title number 1", "Invented title number 2", "Invented title number 3"]);
    expect(records[2]!.fields["Date of publication"]).toBe("1803");
  });

  it("handles CRLF inside quoted fields and a last line without a line end", async () => {
    const file = write("crlf-quoted.csv", `${HEADER}\r\n000000001,"Two\r\nlines",London,1850\r\n000000002,Last,Paris,1851`);
    const { records, rejected } = await parseRecordsFile(file);
    expect(rejected).toEqual([]);
    expect(records.map((r) => r.id)).toEqual(["000000001", "000000002"]);
    expect(records[0]!.title).toBe("Two\r\nlines");
  });

  it("recovers from broken quotes in the middle of the file", async () => {
    const lines = [
      HEADER,
      ...goodRows(2, 1), // lines 2-3
      '000000010,"Never closed,London,1850', // line 4
      ...goodRows(2, 11), // lines 5-6
      '000000020,"Closed" too early,London,1850', // line 7
      ...goodRows(1, 21), // line 8
      '000000030,Opens here,"London,1850', // line 9: the quote runs to the end of the file
      ...goodRows(2, 31), // lines 10-11
    ];
    const file = write("broken-quotes.csv", lines.join("\n") + "\n");
    const { records, rejected } = await parseRecordsFile(file);
    expect(records.map((r) => Number(r.id))).toEqual([1, 2, 11, 12, 21, 31, 32]);
    expect(rejected.map((r) => r.line)).toEqual([4, 7, 9]);
    expect(rejected[0]!.reason).toMatch(/unterminated quoted field/);
    expect(rejected[1]!.reason).toMatch(/malformed quoted field/);
    expect(rejected[2]!.reason).toMatch(/unterminated quoted field/);
    expect(rejected[2]!.raw).toBe('000000030,Opens here,"London,1850');
  });

  it("rejects a 1 MB field without crashing, keeping the rows around it (also across read chunks)", async () => {
    const huge = "x".repeat(1024 * 1024);
    const lines = [HEADER, good(1), `000000002,${huge},London,1850`, good(3), `000000004,"${huge}",London,1850`, good(5)];
    const file = write("huge-field.csv", lines.join("\n") + "\n");
    const { records, rejected } = await parseRecordsFile(file);
    expect(records.map((r) => Number(r.id))).toEqual([1, 3, 5]);
    expect(rejected.map((r) => r.line)).toEqual([3, 5]);
    expect(rejected[0]!.reason).toBe(`field "Title" is ${huge.length} characters long, over the limit of ${DEFAULT_MAX_FIELD_CHARS}`);
  });

  it("rejects rows with invalid UTF-8 by line, including a multi-line row", async () => {
    const head = Buffer.from([HEADER, good(1), "000000002,Bad "].join("\n"));
    const bad = Buffer.from([0xc3, 0x28, 0xff]); // broken 2-byte sequence and a byte UTF-8 never uses
    const middle = Buffer.from(`,London,1850\n${good(3)}\n000000004,"Multi\nline `);
    const tail = Buffer.from(`",London,1850\n${good(5)}\n000000006,Caf\u00e9 ok,Paris,1850\n`);
    const file = write("invalid-utf8.csv", Buffer.concat([head, bad, middle, bad, tail]));
    const { records, rejected } = await parseRecordsFile(file);
    expect(records.map((r) => Number(r.id))).toEqual([1, 3, 5, 6]);
    expect(records[3]!.title).toBe("Café ok");
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, "invalid UTF-8 byte sequence on line 3"],
      [5, "invalid UTF-8 byte sequence on line 6"],
    ]);
  });

  it("refuses an empty file and a UTF-16 file with a clear message", async () => {
    await expect(parseRecordsFile(write("empty.csv", ""))).rejects.toThrow(/empty.csv is empty: expected a header row/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${good(1)}\n`, "utf16le")]);
    await expect(parseRecordsFile(write("utf16.csv", utf16))).rejects.toThrow(RecordsFileError);
    await expect(parseRecordsFile(write("utf16b.csv", utf16))).rejects.toThrow(/UTF-16/);
  });

  it("reports duplicate ids and keeps the first", async () => {
    const file = write("dupes.csv", [HEADER, good(1), good(2), good(1), good(2), good(1)].join("\n"));
    const { records, rejected } = await parseRecordsFile(file);
    expect(records.map((r) => Number(r.id))).toEqual([1, 2]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, "duplicate BL record ID 000000001 (first seen on line 2)"],
      [5, "duplicate BL record ID 000000002 (first seen on line 3)"],
      [6, "duplicate BL record ID 000000001 (first seen on line 2)"],
    ]);
  });

  it("reports rows with too few or too many columns", async () => {
    const file = write("columns.csv", [HEADER, good(1), "000000002,Short row", good(3), `${good(4)},extra,cells`, good(5)].join("\n"));
    const { records, rejected } = await parseRecordsFile(file);
    expect(records.map((r) => Number(r.id))).toEqual([1, 3, 5]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [3, "wrong number of columns: expected 4, found 2"],
      [5, "wrong number of columns: expected 4, found 6"],
    ]);
  });

  it("rejects blank ids and titles, and skips blank lines without shifting line numbers", async () => {
    const file = write("blanks.csv", [HEADER, good(1), "", "   ,Title without id,London,1850", "000000004,   ,London,1850", "", good(7)].join("\n"));
    const { records, rejected, stats } = await parseRecordsFile(file);
    expect(records.map((r) => Number(r.id))).toEqual([1, 7]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, "no BL record ID"],
      [5, "no Title (record 000000004)"],
    ]);
    expect(stats.blankLines).toBe(2);
  });

  it("keeps every good row in a larger file with scattered bad rows", async () => {
    const lines = [HEADER];
    const badLines: number[] = [];
    for (let i = 1; i <= 30_000; i++) {
      if (i % 997 === 0) {
        badLines.push(lines.length + 1);
        lines.push(i % 2 === 0 ? `${String(i).padStart(9, "0")},"broken,London,1850` : `${String(i).padStart(9, "0")},,London,1850`);
      } else {
        lines.push(good(i));
      }
    }
    const file = write("large.csv", lines.join("\n") + "\n");
    const { records, rejected, stats } = await parseRecordsFile(file);
    expect(rejected.map((r) => r.line)).toEqual(badLines);
    expect(records).toHaveLength(30_000 - badLines.length);
    expect(stats.rows).toBe(30_000);
  });
});
