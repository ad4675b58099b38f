import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COLLECTION_FILE, LABELS_FILE } from "@/lib/records/data-files";
import { ingestRecords } from "@/lib/records/ingest";
import { parseRecordsFile } from "@/lib/records/parse";
import { openStore } from "@/lib/store";
import type { BookRecord } from "@/lib/records/types";

/**
 * Ingest of the real collection. Runs whenever BL_DATA_DIR is set (as in CI); otherwise it
 * prints a visible notice and its only test checks that notice. The figures come from the
 * data folder's README.
 */

const dataDir = process.env.BL_DATA_DIR;
const warnings: string[] = [];

if (!dataDir) {
  const notice = "real-data.test.ts: BL_DATA_DIR is not set, so the ingest of the real BL collection did NOT run. Set BL_DATA_DIR to the data folder to run it.";
  console.warn(notice);
  warnings.push(notice);
  describe("real BL data", () => {
    it("says loudly that it did not run", () => {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/BL_DATA_DIR is not set/);
    });
  });
} else {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "real-data-"));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  describe("real BL collection", () => {
    const input = path.join(dataDir, COLLECTION_FILE);
    let records: BookRecord[] = [];

    it("ingests every row: accepted plus rejected-with-reason equals the 34,418 rows, ids unique", async () => {
      const store = openStore(path.join(work, "store.sqlite"));
      const result = await ingestRecords({ input, store, rejectsDir: path.join(work, "rejects") });
      const s = result.summary;
      expect(s.read).toBe(34_418);
      expect(s.inserted + s.rejected).toBe(s.read);
      expect(s.inserted).toBeGreaterThan(34_000);
      expect(store.countRecords()).toBe(s.inserted);
      const rejects = fs.readFileSync(result.rejectsFile, "utf8").trim().split("\n");
      expect(rejects.length - 1).toBeGreaterThanOrEqual(s.rejected);
      records = [...store.iterateRecords()];
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);

      const again = await ingestRecords({ input, store, rejectsDir: path.join(work, "rejects") });
      expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: s.inserted });
      store.close();
    });

    it("keeps the filled-field counts of the data README", () => {
      const filled = (column: string) => records.filter((r) => r.fields[column] !== undefined).length;
      const expected: Record<string, number> = {
        Title: 34_418,
        "Place of publication": 34_196,
        "Date of publication": 34_290,
        Name: 31_109,
        Publisher: 17_155,
        "BL shelfmark": 10_520,
        "All names": 9_672,
        Languages: 1_744,
        "Physical description": 1_257,
        Edition: 909,
        "Country of publication": 775,
        Genre: 25,
      };
      for (const [column, count] of Object.entries(expected)) {
        expect(Math.abs(filled(column) - count), column).toBeLessThanOrEqual(Math.ceil(count * 0.01));
      }
    });

    it("parses a plausible year for nearly every date and normalises places and shelfmarks", () => {
      const withYear = records.filter((r) => r.year !== null);
      expect(withYear.length).toBeGreaterThanOrEqual(34_000);
      expect(withYear.every((r) => r.year! >= 1400 && r.year! <= 2025)).toBe(true);
      const unparsed = records.filter((r) => r.dateRaw !== null && r.year === null);
      expect(unparsed.length).toBeLessThan(100);
      expect(records.filter((r) => r.places.length > 0).length).toBeGreaterThan(34_000);
      expect(records.some((r) => r.places.some((p) => /[[\]]/.test(p)))).toBe(false);
      const shelved = records.filter((r) => r.shelfmark !== null);
      expect(shelved.length).toBeGreaterThan(10_000);
      expect(shelved.every((r) => r.shelfmarkClass !== null && !/^(Digital Store|British Library)/.test(r.shelfmarkClass) && !r.shelfmarkClass.endsWith("."))).toBe(true);
      expect(records.filter((r) => r.link?.startsWith("http")).length).toBeGreaterThan(30_000);
    });
  });

  describe("real labels file", () => {
    it("reads 4,374 label rows describing 1,744 books, with the annotation columns in fields", async () => {
      const { records, rejected } = await parseRecordsFile(path.join(dataDir, LABELS_FILE), { duplicates: "keep" });
      expect(rejected).toEqual([]);
      expect(records).toHaveLength(4_374);
      const books = new Map(records.map((r) => [r.id, r]));
      expect(books.size).toBe(1_744);
      expect(new Set(records.map((r) => r.fields["annotator_genre"]))).toEqual(new Set(["Fiction", "Non-fiction"]));
      const valid = [...books.values()].filter((r) => r.fields["is_valid"] === "True").length;
      expect(valid).toBe(437);
      expect(books.size - valid).toBe(1_307);
    });
  });
}
