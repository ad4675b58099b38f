import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsvScanner } from "@/lib/records/csv-scanner";
import { buildRandom, type Random } from "@/ml/data/random";
import { Featuriser, buildFeatureConfig } from "@/ml/features/featurise";
import type { GenreModel } from "@/ml/model/artifacts";
import type { FoldedModel } from "@/ml/model/fasttext";
import { GenreScorer } from "@/ml/model/scorer";
import { splitAtLineBreaks } from "./csv-ranges";
import { unitsToString } from "@/ml/features/featurise";
import { LineSplitter, decodeUtf8, fixed4Index, isTrimmed, predictRange, scanRange, toPredictionColumns, type RangeJob } from "./predict-range";

const HEADER = ["BL record ID", "Type of resource", "Name", "All names", "Title", "Place of publication", "Publisher", "Date of publication", "BL shelfmark", "Notes"];

/** A model over every bucket the sample titles emit (every third one seen), with seeded scores. */
function buildModel(): GenreModel {
  const config = buildFeatureConfig(false);
  const featuriser = new Featuriser(config);
  const seen = new Set<number>();
  for (const title of ["The Heiress of Glenmore. A novel", "A History of the County of Durham", "Poems, chiefly lyrical", "Geschichte der Stadt Nürnberg"]) featuriser.visit({ title, name: "Smith, Jane", places: ["London"], publisher: "Smith, Elder", dateRaw: "1868" }, (_f, b) => seen.add(b));
  const buckets = Int32Array.from([...seen].filter((_, i) => i % 3 !== 0)).sort();
  const random = buildRandom(11);
  const folded: FoldedModel = { numFields: config.fields.length, bias: 0.2, buckets, scores: Float32Array.from(buckets, () => random() * 6 - 3) };
  const meta = { version: "test-model, v1", calibration: { scale: 1.3, shift: -0.1 } };
  return { dir: "", meta, scorer: new GenreScorer(folded, config) } as unknown as GenreModel;
}

const WORDS = ["The", "history", "of", "Poems", "novel", "Smith", "Jane", "London", "Nürnberg", "История", "Ἰλιάς", "1868", "vol.", "3 vols", "café", "a", "tale", "😀", "\u00a0", " ", "\u3000", "\ufeff", "\t", "Digital Store 12.a.4", "İ"];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function text(random: Random, words: number): string {
  return Array.from({ length: words }, () => pick(random, WORDS)).join(pick(random, [" ", " ", ", ", "; ", '"', '""', ". "]));
}

/** A CSV cell: plain, quoted (with doubled quotes), quoted with a line break, or broken in one of several ways. */
function cell(random: Random, clean: boolean): string {
  const value = random() < 0.2 ? "" : text(random, 1 + Math.floor(random() * 6));
  const r = random();
  if (r < 0.45) return value.replace(/[",\n\r]/g, "");
  if (r < 0.8 || clean) return `"${value.replace(/"/g, '""')}"`;
  if (r < 0.86) return `"${value}\n${value}"`;
  if (r < 0.9) return `"${value}\r\nmore"`;
  if (r < 0.915) return `"${value}"x`;
  if (r < 0.93) return `"${value}"\r${value}`;
  if (r < 0.96) return `"${value}`;
  return `  ${value.replace(/[",\n\r]/g, "")}\r`;
}

function row(random: Random, id: number, clean: boolean): string {
  const cells = HEADER.map((_, i) => (i === 0 ? (random() < 0.03 ? "" : random() < 0.05 ? `" ${id},x"` : String(id)) : cell(random, clean)));
  if (!clean && random() < 0.03) cells.pop();
  if (!clean && random() < 0.03) cells.push("extra");
  return cells.join(",");
}

/** Rows joined by LF or CRLF, with blank lines; `clean` keeps to rows the fast path reads. */
function csvText(seed: number, rows: number, clean: boolean): string {
  const random = buildRandom(seed);
  const lines = [HEADER.join(",")];
  for (let i = 0; i < rows; i++) {
    lines.push(row(random, 800000000 + i, clean));
    if (!clean && random() < 0.03) lines.push(pick(random, ["", "\r", " "]));
  }
  const eol = !clean && seed % 2 === 0 ? "\r\n" : "\n";
  return lines.join(eol) + (seed % 3 === 0 ? "" : eol);
}

function scannerCells(line: string, count: number): string[][] {
  const rows: string[][] = [];
  const scanner = new CsvScanner({ onRow: (cells) => rows.push(cells), onBadRow: () => rows.push(["(bad)"]) });
  scanner.expectedColumns = count;
  scanner.feed(`${line}\n`);
  scanner.end();
  return rows;
}

describe("fixed4Index", () => {
  it("gives toFixed(4)'s digits or declines, including next to rounding ties", () => {
    const random = buildRandom(3);
    const xs = [0, 1, 0.5, 0.00005, 0.99995, 1e-300, Number.MIN_VALUE, -0, 0.12345, 0.1234499999999, 0.1234500000001];
    for (let i = 0; i < 200_000; i++) xs.push(random());
    for (let k = 0; k < 10_000; k++) {
      const tie = (k + 0.5) / 10_000;
      xs.push(tie, tie * (1 + 1e-15), tie * (1 - 1e-15), tie + 1e-17, k / 10_000);
    }
    let declined = 0;
    const wrong: number[] = [];
    for (const x of xs) {
      const n = fixed4Index(x);
      if (n < 0) declined++;
      else if ((n / 10_000).toFixed(4) !== x.toFixed(4)) wrong.push(x);
    }
    expect(wrong).toEqual([]);
    expect(declined).toBeLessThan(xs.length / 5);
    for (const x of [Number.NaN, -0.5, 1.5, Number.POSITIVE_INFINITY]) expect(fixed4Index(x)).toBe(-1);
  });
});

describe("LineSplitter", () => {
  it("cuts one-line rows as CsvScanner does, or declines", () => {
    const random = buildRandom(7);
    const count = HEADER.length;
    const splitter = new LineSplitter(count);
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      const line = random() < 0.02 ? pick(random, ["", "\r", " ", '""', "a\r\r"]) : row(random, i, false).split("\n")[0]!;
      const bytes = Buffer.from(line, "utf8");
      const n = splitter.split(bytes, 0, bytes.length);
      const scanned = scannerCells(line, count);
      if (n === 0) {
        expect(scanned, JSON.stringify(line)).toEqual([]);
      } else if (n > 0) {
        read++;
        const cells = Array.from({ length: n }, (_, k) => {
          const units = new Uint16Array(bytes.length);
          return unitsToString(units, 0, decodeUtf8(bytes, splitter.starts[k]!, splitter.ends[k]!, splitter.escaped[k] === 1, units, 0));
        });
        expect(scanned, JSON.stringify(line)).toEqual([cells]);
      }
    }
    expect(read).toBeGreaterThan(3_000);
  });
});

describe("decodeUtf8 and isTrimmed", () => {
  it("decode valid UTF-8 as Buffer#toString does", () => {
    const random = buildRandom(5);
    const samples = ["", "abc", "Nürnberg", "История", "Ἰλιάς", "😀a😀", "\u0800\uffff\u{10000}\u{10ffff}", "\u007f\u0080\u07ff"];
    for (let i = 0; i < 2000; i++) samples.push(Array.from({ length: 1 + Math.floor(random() * 12) }, () => String.fromCodePoint(Math.floor(random() * 0x10ffff) & (random() < 0.5 ? 0x7ff : 0x1fffff))).join("").replace(/[\ud800-\udfff]/g, "x"));
    for (const text of samples) {
      const bytes = Buffer.from(text, "utf8");
      const units = new Uint16Array(bytes.length);
      expect(unitsToString(units, 0, decodeUtf8(bytes, 0, bytes.length, false, units, 0))).toBe(bytes.toString("utf8"));
    }
  });

  it("undoubles quotes in quoted cells", () => {
    const bytes = Buffer.from('say ""hi"" """"', "utf8");
    const units = new Uint16Array(bytes.length);
    expect(unitsToString(units, 0, decodeUtf8(bytes, 0, bytes.length, true, units, 0))).toBe('say "hi" ""');
  });

  it("trim the code units String.prototype.trim trims", () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isTrimmed(c) !== (String.fromCharCode(c).trim() === "")) wrong.push(c);
    expect(wrong).toEqual([]);
  });
});

describe("predictRange", () => {
  let dir: string;
  const model = buildModel();
  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "predict-range-"));
  });
  afterAll(async () => {
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  async function compare(content: string | Buffer, name: string, parts: number[]): Promise<number> {
    const file = path.join(dir, name);
    await fs.promises.writeFile(file, content);
    const bytes = await fs.promises.readFile(file);
    const dataStart = bytes.indexOf(10) + 1;
    const columns = toPredictionColumns(HEADER, file);
    let written = 0;
    for (const n of parts) {
      for (const r of await splitAtLineBreaks(file, dataStart, bytes.length, n)) {
        const job: RangeJob = { file, start: r.start, end: r.end, columns };
        const fast = await predictRange(model, job);
        const general = await scanRange(model, job);
        expect({ ...fast, output: Buffer.from(fast.output).toString("utf8") }, `${name} [${r.start}, ${r.end})`).toEqual({ ...general, output: Buffer.from(general.output).toString("utf8") });
        written += fast.written;
      }
    }
    return written;
  }

  it("gives scanRange's result on rows it reads itself", async () => {
    for (const seed of [1, 2, 3]) expect(await compare(csvText(seed, 400, true), `clean-${seed}.csv`, [1, 3, 17])).toBeGreaterThan(600);
  });

  it("gives scanRange's result on quoted line breaks, broken quotes, wrong cell counts, blank lines, CRLF and a last line without a line break", async () => {
    for (const seed of [4, 5, 6, 7]) await compare(csvText(seed, 300, false), `messy-${seed}.csv`, [1, 9, 400]);
  });

  it("gives scanRange's result on bytes that are not UTF-8", async () => {
    const good = Buffer.from(csvText(10, 200, true));
    const bad = Buffer.concat([good.subarray(0, 5000), Buffer.from([0xc3, 0x28, 0xff, 0xe2, 0x82]), good.subarray(5000)]);
    await compare(bad, "not-utf8.csv", [1, 4, 9]);
  });
});
