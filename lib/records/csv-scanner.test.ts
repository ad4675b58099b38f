import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CsvScanner, parseCsvText, type CsvBadRow } from "@/lib/records/csv-scanner";

function scanInPieces(text: string, cuts: number[], expectedColumns: number | null = null) {
  const rows: Array<{ cells: string[]; line: number; endLine: number; raw: string }> = [];
  const bad: CsvBadRow[] = [];
  const scanner: CsvScanner = new CsvScanner({
    onRow: (cells, line, endLine) => rows.push({ cells, line, endLine, raw: scanner.currentRaw() }),
    onBadRow: (b) => bad.push(b),
  });
  scanner.expectedColumns = expectedColumns;
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    scanner.feed(text.slice(from, cut));
    from = cut;
  }
  scanner.end();
  return { rows, bad, blankLines: scanner.blankLines };
}

describe("CsvScanner", () => {
  it("parses quoted fields, escaped quotes, empty fields and a trailing empty field", () => {
    const { rows, bad } = parseCsvText('a,"b,c","say ""hi""",,""\n"",x,\n');
    expect(bad).toEqual([]);
    expect(rows).toEqual([
      { cells: ["a", "b,c", 'say "hi"', "", ""], line: 1 },
      { cells: ["", "x", ""], line: 2 },
    ]);
  });

  it("keeps a stray quote inside an unquoted field literally", () => {
    expect(parseCsvText('1,He said "no",x\n').rows[0]!.cells).toEqual(["1", 'He said "no"', "x"]);
  });

  it("counts lines through multi-line fields and gives each row's raw text", () => {
    const { rows } = scanInPieces('h1,h2\n1,"two\nlines"\r\n2,"three\n\nlines"\n3,x\n', []);
    expect(rows.map((r) => [r.line, r.endLine])).toEqual([[1, 1], [2, 3], [4, 6], [7, 7]]);
    expect(rows[1]!.raw).toBe('1,"two\nlines"');
    expect(rows[2]!.cells[1]).toBe("three\n\nlines");
  });

  it("skips blank lines without losing count", () => {
    const { rows, blankLines } = scanInPieces("a\n\n\r\nb\n", []);
    expect(rows.map((r) => [r.cells[0], r.line])).toEqual([["a", 1], ["b", 4]]);
    expect(blankLines).toBe(2);
  });

  it("gives the same rows however the text is cut into chunks", () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, "fixtures", "labels-small.csv"), "utf8") +
      fs.readFileSync(path.join(import.meta.dirname, "fixtures", "bad-rows.csv"), "utf8").replace(/^[^\n]*\n/, "").replaceAll(",", ",x,").slice(0, 200) +
      '\n9,"a ""quoted"" end",\r\n';
    const whole = scanInPieces(text, []);
    // Every single cut point, and a few multi-cut patterns.
    for (let cut = 1; cut < text.length; cut++) {
      expect(scanInPieces(text, [cut])).toEqual(whole);
    }
    const everyChar = Array.from({ length: text.length - 1 }, (_, i) => i + 1);
    expect(scanInPieces(text, everyChar)).toEqual(whole);
    expect(scanInPieces(text, everyChar.filter((i) => i % 7 === 0))).toEqual(whole);
  });

  it("resumes at the next line after a quote that never closes", () => {
    const { rows, bad } = scanInPieces('h,t\n1,"open\n2,fine\n3,also fine\n', [], 2);
    expect(rows.map((r) => r.cells[0])).toEqual(["h", "2", "3"]);
    expect(bad).toEqual([{ line: 2, reason: expect.stringMatching(/unterminated quoted field/), raw: '1,"open' }]);
  });

  it("bounds how far an open quote may run before giving up", () => {
    const bad: CsvBadRow[] = [];
    const rows: string[][] = [];
    const scanner = new CsvScanner({ maxRowChars: 50, onRow: (c) => rows.push(c), onBadRow: (b) => bad.push(b) });
    scanner.feed('1,"open\n');
    for (let i = 2; i < 20; i++) scanner.feed(`${i},ok\n`);
    scanner.end();
    expect(bad.map((b) => b.line)).toEqual([1]);
    expect(bad[0]!.reason).toMatch(/still open after 50 characters/);
    expect(rows).toHaveLength(18);
  });

  it("reports wrong column counts once the expected count is set", () => {
    const { rows, bad } = scanInPieces("a,b\n1,2\n1\n1,2,3\n", [], 2);
    expect(rows).toHaveLength(2);
    expect(bad.map((b) => [b.line, b.reason, b.raw])).toEqual([
      [3, "wrong number of columns: expected 2, found 1", "1"],
      [4, "wrong number of columns: expected 2, found 3", "1,2,3"],
    ]);
  });

  it("lean mode: unwanted cells arrive empty, wanted ones and cell counts as in full mode", () => {
    const text = 'id,title,notes,year\n1,Poems,long note,1850\n2,"Tales, and ""more""","a\nb",1861\n3,Short,x\n';
    const lean: Array<{ cells: string[]; line: number }> = [];
    const bad: CsvBadRow[] = [];
    const scanner = new CsvScanner({ onRow: (cells, line) => lean.push({ cells, line }), onBadRow: (b) => bad.push(b), keep: [true, true, false, true] });
    scanner.expectedColumns = 4;
    scanner.feed(text);
    scanner.end();
    expect(lean).toEqual([
      { cells: ["id", "title", "", "year"], line: 1 },
      { cells: ["1", "Poems", "", "1850"], line: 2 },
      { cells: ["2", 'Tales, and "more"', "", "1861"], line: 3 },
    ]);
    expect(bad.map((b) => [b.line, b.reason])).toEqual([[5, "wrong number of columns: expected 4, found 3"]]);
  });
});
