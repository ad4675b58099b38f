import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsvText } from "@/lib/records/csv-scanner";
import { ResampleError, toFreshId, writeResampledCollection } from "./resample-collection";

const SOURCE = [
  "BL record ID,Title,Place of publication,Publisher",
  '000000001,"The Heiress, a novel",London,"Smith, Elder"',
  '000000002,"A ""quoted"" history",Edinburgh,',
  "000000003,Poems,Dublin,Hodges",
].join("\n");

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "resample-"));
  await fs.promises.writeFile(path.join(dir, "source.csv"), `${SOURCE}\n`);
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true });
});

async function resample(rows: number, seed: number, name: string) {
  const output = path.join(dir, name);
  const summary = await writeResampledCollection({ input: path.join(dir, "source.csv"), output, rows, seed });
  return { summary, text: await fs.promises.readFile(output, "utf8") };
}

describe("writeResampledCollection", () => {
  it("keeps the header and every column, gives each row a fresh unique id", async () => {
    const { summary, text } = await resample(200, 7, "a.csv");
    expect(summary).toMatchObject({ sourceRows: 3, rows: 200, skippedSourceRows: [] });
    expect(summary.bytes).toBe(Buffer.byteLength(text));
    const { rows, bad } = parseCsvText(text);
    expect(bad).toEqual([]);
    expect(rows[0]!.cells).toEqual(["BL record ID", "Title", "Place of publication", "Publisher"]);
    const data = rows.slice(1).map((r) => r.cells);
    expect(data).toHaveLength(200);
    expect(data.map((c) => c[0])).toEqual(Array.from({ length: 200 }, (_, i) => toFreshId(i)));
    const sources = new Set(parseCsvText(SOURCE).rows.slice(1).map((r) => JSON.stringify(r.cells.slice(1))));
    for (const cells of data) expect(sources.has(JSON.stringify(cells.slice(1)))).toBe(true);
    // Every source row is drawn at least once in 200 draws from 3 rows.
    expect(new Set(data.map((c) => c[1])).size).toBe(3);
  });

  it("is deterministic for a seed and differs across seeds", async () => {
    const a = await resample(50, 1, "s1.csv");
    const b = await resample(50, 1, "s1-again.csv");
    const c = await resample(50, 2, "s2.csv");
    expect(b.text).toBe(a.text);
    expect(c.text).not.toBe(a.text);
  });

  it("fresh ids are ten digits starting with 9", () => {
    expect(toFreshId(0)).toBe("9000000000");
    expect(toFreshId(999_999)).toBe("9000999999");
  });

  it("refuses bad row counts and names a missing id column", async () => {
    await expect(resample(0, 1, "zero.csv")).rejects.toThrow(/rows must be an integer/);
    await fs.promises.writeFile(path.join(dir, "no-id.csv"), "Title\nPoems\n");
    await expect(writeResampledCollection({ input: path.join(dir, "no-id.csv"), output: path.join(dir, "x.csv"), rows: 5, seed: 1 })).rejects.toThrow(ResampleError);
    await expect(writeResampledCollection({ input: path.join(dir, "missing.csv"), output: path.join(dir, "y.csv"), rows: 5, seed: 1 })).rejects.toThrow(/cannot read/);
  });

  it("reports unreadable source rows instead of dropping them silently", async () => {
    await fs.promises.writeFile(path.join(dir, "bad.csv"), "BL record ID,Title\n1,Poems\n2,Tales,extra\n");
    const summary = await writeResampledCollection({ input: path.join(dir, "bad.csv"), output: path.join(dir, "z.csv"), rows: 3, seed: 1 });
    expect(summary.sourceRows).toBe(1);
    expect(summary.skippedSourceRows).toEqual([{ line: 3, reason: expect.stringMatching(/wrong number of columns/) }]);
  });
});
