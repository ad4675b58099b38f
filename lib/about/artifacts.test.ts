import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FIXTURE_FIGURES, writeFixtureModelArtifacts } from "@/lib/testing/about-model";
import { ArtifactInvalidError, ArtifactsMissingError, readModelArtifacts } from "./artifacts";
import { buildDatasheet } from "./datasheet";
import { buildModelArchive, predictionLines, sha256Hex } from "./downloads";
import { findWeakSlices, toHeadlineRows, toVersionChanges } from "./model-report";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "about-artifacts-"));
  dirs.push(d);
  return d;
}

describe("readModelArtifacts", () => {
  it("reads the figures of the current model folder", async () => {
    const workDir = tempDir();
    const { version } = await writeFixtureModelArtifacts(workDir);
    const a = readModelArtifacts(workDir, null);
    expect(a.version).toBe(version);
    expect(a.source).toBe("current-file-or-newest");
    const rows = toHeadlineRows(a.metrics.validation);
    expect(rows[0]).toMatchObject({ model: "this model", n: 60, macroF1: 0.789, accuracy: 50 / 60, ece: 0.041 });
    expect(rows.find((r) => r.model.includes("TF-IDF"))?.macroF1).toBe(0.702);
    expect(a.card?.model.version).toBe(version);
  });

  it("changing the artifacts changes the figures (metrics, slices, thresholds)", async () => {
    const workDir = tempDir();
    await writeFixtureModelArtifacts(workDir, {
      ...DEFAULT_FIXTURE_FIGURES,
      macroF1: 0.5,
      thresholds: { nonFiction: 0.95, fiction: null },
      languages: [
        ["English", 40, 0.05],
        ["Swedish", 15, 0.6],
      ],
    });
    const a = readModelArtifacts(workDir, null);
    expect(toHeadlineRows(a.metrics.validation)[0]?.macroF1).toBe(0.5);
    expect(a.meta.thresholds.map((t) => t.threshold)).toEqual([0.95, null]);
    const weak = findWeakSlices(a.metrics.refitCrossValidation);
    expect(weak.filter((w) => w.kind === "language").map((w) => w.slice)).toEqual(["Swedish"]);
  });

  it("names the weak languages of the default fixture (Dutch, not English)", async () => {
    const workDir = tempDir();
    await writeFixtureModelArtifacts(workDir);
    const weak = findWeakSlices(readModelArtifacts(workDir, null).metrics.refitCrossValidation);
    expect(weak.filter((w) => w.kind === "language").map((w) => w.slice)).toEqual(["Dutch"]);
    expect(weak.filter((w) => w.kind === "decade").map((w) => w.slice)).toEqual(["1880s"]);
  });

  it("prefers the version the store serves over the newest folder", async () => {
    const workDir = tempDir();
    const old = await writeFixtureModelArtifacts(workDir, DEFAULT_FIXTURE_FIGURES, new Date("2026-01-01T00:00:00Z"));
    const newer = await writeFixtureModelArtifacts(workDir, { ...DEFAULT_FIXTURE_FIGURES, macroF1: 0.9 }, new Date("2026-02-01T00:00:00Z"));
    expect(readModelArtifacts(workDir, null).version).toBe(newer.version);
    expect(readModelArtifacts(workDir, `${old.version}@2026-03-01T10-00-00Z`).version).toBe(old.version);
    const served = readModelArtifacts(workDir, old.version);
    expect(served).toMatchObject({ version: old.version, source: "store" });
    expect(served.metrics.validation.report.macroF1).toBe(0.789);
    // A store version with no folder (e.g. a hand-loaded fixture version) falls back to the newest.
    expect(readModelArtifacts(workDir, "genre-fixture-1").version).toBe(newer.version);
  });

  it("says to run npm run train when there is no model or no metrics.json", async () => {
    const workDir = tempDir();
    expect(() => readModelArtifacts(workDir, null)).toThrow(ArtifactsMissingError);
    expect(() => readModelArtifacts(workDir, null)).toThrow(/run npm run train/);
    const { dir } = await writeFixtureModelArtifacts(workDir);
    fs.rmSync(path.join(dir, "metrics.json"));
    expect(() => readModelArtifacts(workDir, null)).toThrow(/metrics\.json is missing .*run npm run train/);
  });

  it("reads the weak-supervision record when the training run wrote one", async () => {
    const workDir = tempDir();
    const { dir } = await writeFixtureModelArtifacts(workDir);
    expect(readModelArtifacts(workDir, null).metrics.weakSupervision).toBeUndefined();
    const file = path.join(dir, "metrics.json");
    const metrics = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...metrics, weakSupervision: { enabled: true, reason: "lift +0.01", examples: 800, fiction: 300, nonFiction: 500, lift: null } }));
    expect(readModelArtifacts(workDir, null).metrics.weakSupervision).toMatchObject({ enabled: true, examples: 800, fiction: 300 });
  });

  it("refuses a metrics.json of the wrong shape, naming the field", async () => {
    const workDir = tempDir();
    const { dir } = await writeFixtureModelArtifacts(workDir);
    const file = path.join(dir, "metrics.json");
    const metrics = JSON.parse(fs.readFileSync(file, "utf8"));
    metrics.validation.report.macroF1 = "high";
    fs.writeFileSync(file, JSON.stringify(metrics));
    expect(() => readModelArtifacts(workDir, null)).toThrow(ArtifactInvalidError);
    expect(() => readModelArtifacts(workDir, null)).toThrow(/validation\.report\.macroF1/);
  });

  it("builds a datasheet whose figures come from the artifacts", async () => {
    const workDir = tempDir();
    await writeFixtureModelArtifacts(workDir);
    const sheet = buildDatasheet(readModelArtifacts(workDir, null), null);
    const composition = sheet.find((s) => s.heading === "Composition")!.items.join(" ");
    expect(composition).toContain("70 annotation rows grouped into 60 books (16 Fiction, 44 Non-fiction; 26.7% Fiction)");
  });
});

describe("toVersionChanges", () => {
  it("lists what changed between versions, oldest first, and marks the live one", () => {
    const changes = toVersionChanges(
      [
        { generator: "genre", version: "v2", createdAt: "2026-02-01T00:00:00Z", records: 12, meta: { modelDir: "/m/v2", trainingData: { books: 60 } } },
        { generator: "genre", version: "v1", createdAt: "2026-01-01T00:00:00Z", records: 10, meta: { modelDir: "/m/v1", trainingData: { books: 60 } } },
      ],
      "v2",
    );
    expect(changes.map((c) => c.version)).toEqual(["v1", "v2"]);
    expect(changes[0]?.changes).toEqual([]);
    expect(changes[1]).toMatchObject({ current: true, changes: ["records: 10 -> 12", 'modelDir: "/m/v1" -> "/m/v2"'] });
  });
});

describe("downloads", () => {
  it("archives the model folder deterministically as a readable tar.gz", async () => {
    const workDir = tempDir();
    const { dir, version } = await writeFixtureModelArtifacts(workDir);
    const a = buildModelArchive(dir, version, "2026-01-01T00:00:00Z");
    const b = buildModelArchive(dir, version, "2026-01-01T00:00:00Z");
    expect(sha256Hex(a)).toBe(sha256Hex(b));
    const tar = gunzipSync(a);
    const names: string[] = [];
    for (let off = 0; off + 512 <= tar.length; ) {
      const name = tar.subarray(off, off + 100).toString("utf8").replace(/\0.*$/s, "");
      if (!name) break;
      const size = Number.parseInt(tar.subarray(off + 124, off + 136).toString("ascii").replace(/\0.*$/s, ""), 8);
      names.push(name);
      if (name.endsWith("metrics.json")) expect(JSON.parse(tar.subarray(off + 512, off + 512 + size).toString("utf8")).validation.report.macroF1).toBe(0.789);
      off += 512 + Math.ceil(size / 512) * 512;
    }
    expect(names).toEqual(["card.json", "card.md", "metrics.json", "model.json", "weights.bin", "embeddings.bin"].map((f) => `${version}/${f}`).sort());
    fs.writeFileSync(path.join(dir, "card.md"), "edited\n");
    expect(sha256Hex(buildModelArchive(dir, version, "2026-01-01T00:00:00Z"))).not.toBe(sha256Hex(a));
  });

  it("writes predictions sorted by record id, CSV-escaped, with the model version", () => {
    const preds = new Map([
      ["b", { recordId: "b", value: "Fiction", confidence: 0.9 }],
      ["a,1", { recordId: "a,1", value: "Non-fiction", confidence: 0.75 }],
    ]);
    expect([...predictionLines(preds, "v1", "csv")].join("")).toBe('record_id,value,confidence,model_version\n"a,1",Non-fiction,0.75,v1\nb,Fiction,0.9,v1\n');
    const jsonl = [...predictionLines(preds, "v1", "jsonl")].map((l) => JSON.parse(l));
    expect(jsonl[1]).toEqual({ record_id: "b", value: "Fiction", confidence: 0.9, model_version: "v1" });
  });
});
