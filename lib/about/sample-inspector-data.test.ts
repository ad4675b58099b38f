import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "@/lib/store";
import { buildTestRecord } from "@/lib/testing/book-record";
import { getSampleInspector, SAMPLE_INSPECTOR_FILE } from "./sample-inspector-data";

const LABELS = path.resolve(import.meta.dirname, "..", "..", "e2e", "fixtures", "labels.csv");

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "sample-inspector-"));
  dirs.push(d);
  return d;
}

/** A stand-in identifier: "Dutch" for titles with "de", else English; counts its calls. */
function fakeIdentify() {
  const calls: number[] = [];
  const identify = async (titles: readonly string[]) => {
    calls.push(titles.length);
    return titles.map((t) => ({ language: /\bde\b/i.test(t) ? "Dutch" : "English" }));
  };
  return { identify, calls };
}

describe("getSampleInspector", () => {
  it("compares the labelled sample with the store, reads stored predictions, and caches by store revision", async () => {
    const dir = tempDir();
    const store = openStore(path.join(dir, "store.sqlite"));
    try {
      store.upsertRecords([buildTestRecord("r1", "A novel"), buildTestRecord("r2", "Sermons"), buildTestRecord("r3", "Poems")]);
      store.putPredictionVersion({ generator: "genre", version: "g1", createdAt: "2026-01-01T00:00:00Z", meta: {} }, [
        { recordId: "r1", value: "Fiction", confidence: 0.95 },
        { recordId: "r2", value: "Non-fiction", confidence: 0.6 },
        { recordId: "r3", value: "Fiction", confidence: 0.7 },
      ]);
      store.setCurrentVersion("genre", "g1");
      const { identify, calls } = fakeIdentify();
      const input = { store, labelsFile: LABELS, reportsDir: path.join(dir, "reports"), modelVersion: "m1", thresholds: [{ label: "Fiction", threshold: 0.9 }, { label: "Non-fiction", threshold: 0.9 }], identify };
      const report = await getSampleInspector(input);
      expect(report.sample.books).toBe(10);
      expect(report.collection.records).toBe(3);
      // No stored language predictions: the collection's titles are identified too (sample call + collection call).
      expect(calls).toEqual([10, 3]);
      expect(report.collection.languageSource).toMatch(/identified from the titles/);
      expect(report.comparisons.map((c) => c.key)).toEqual(["decade", "language", "place", "titleLength", "firstLetter", "fieldsPresent"]);
      expect(report.fiction?.predictions).toBe(3);
      const [all] = report.fiction!.byLanguage;
      expect(all).toMatchObject({ group: "English", n: 3, fiction: 2 / 3, uncertain: 2 / 3 });
      expect(fs.existsSync(path.join(dir, "reports", SAMPLE_INSPECTOR_FILE))).toBe(true);

      // Same revision and model: served from the cache, no identification.
      expect((await getSampleInspector(input)).generatedAt).toBe(report.generatedAt);
      expect(calls).toHaveLength(2);
      // A new model version or a store change rebuilds it.
      await getSampleInspector({ ...input, modelVersion: "m2" });
      expect(calls).toHaveLength(4);
      store.upsertRecords([buildTestRecord("r4", "De geschiedenis")]);
      const rebuilt = await getSampleInspector({ ...input, modelVersion: "m2" });
      expect(rebuilt.collection.records).toBe(4);
      expect(rebuilt.comparisons.find((c) => c.key === "language")!.rows.find((r) => r.value === "Dutch")?.collection).toBe(1);
    } finally {
      store.close();
    }
  });

  it("names the missing labels file and how to fix it", async () => {
    const dir = tempDir();
    const store = openStore(path.join(dir, "store.sqlite"));
    try {
      await expect(getSampleInspector({ store, labelsFile: path.join(dir, "nope.csv"), reportsDir: dir, modelVersion: null, thresholds: [] })).rejects.toThrow(/nope\.csv is missing: set BL_DATA_DIR/);
    } finally {
      store.close();
    }
  });
});
