import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateFacets } from "@/lib/facets/generate";
import { openStore } from "@/lib/store";
import { buildTestRecord } from "@/lib/testing/book-record";
import { buildFixtureGenreModel } from "@/lib/testing/genre-model";
import { markCurrent, ModelNotFoundError } from "@/ml/model/artifacts";
import { createGenreGenerator } from "./genre";
import { getGenerators } from "./index";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "genre-generator-"));
  dirs.push(d);
  return d;
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("genre generator", () => {
  it("is registered before language", () => {
    const names = getGenerators().map((g) => g.name);
    expect(names.indexOf("genre")).toBeGreaterThanOrEqual(0);
    expect(names.indexOf("genre")).toBeLessThan(names.indexOf("language"));
  });

  it("labels with the calibrated probability of the chosen label and keeps p_fiction", async () => {
    const workDir = tempDir();
    const { version } = await buildFixtureGenreModel(workDir, { novel: 2, history: -3 }, new Date("2026-01-01T00:00:00Z"));
    const generator = createGenreGenerator({ workDir });
    expect(await generator.version()).toBe(version);
    const [novel, history, unknown] = await generator.predict([
      buildTestRecord("1", "novel"),
      buildTestRecord("2", "history"),
      buildTestRecord("3", "zzzz"),
    ]);
    expect(novel).toEqual({ value: "Fiction", confidence: expect.closeTo(sigmoid(2), 6), extra: { p_fiction: expect.closeTo(sigmoid(2), 6) } });
    expect(history?.value).toBe("Non-fiction");
    expect(history?.confidence).toBeCloseTo(1 - sigmoid(-3), 6);
    expect(history?.extra?.p_fiction).toBeCloseTo(sigmoid(-3), 6);
    // No known feature: logit = bias = 0, p = 0.5, which the model's rule calls Fiction.
    expect(unknown?.confidence).toBeCloseTo(0.5, 6);
  });

  it("follows CURRENT, else the newest folder, without a restart", async () => {
    const workDir = tempDir();
    const old = await buildFixtureGenreModel(workDir, { novel: 2 }, new Date("2026-01-01T00:00:00Z"));
    const generator = createGenreGenerator({ workDir });
    expect(await generator.version()).toBe(old.version);
    const newer = await buildFixtureGenreModel(workDir, { novel: -2 }, new Date("2026-02-01T00:00:00Z"));
    expect(await generator.version()).toBe(newer.version);
    expect((await generator.predict([buildTestRecord("1", "novel")]))[0]?.value).toBe("Non-fiction");
    markCurrent(workDir, old.version);
    expect(await generator.version()).toBe(old.version);
    expect((await generator.predict([buildTestRecord("1", "novel")]))[0]?.value).toBe("Fiction");
    const meta = await generator.meta!();
    expect(meta).toMatchObject({ modelCreatedAt: "2026-01-01T00:00:00.000Z", card: "/about/model/card" });
  });

  it("says how to get a model when there is none", async () => {
    const generator = createGenreGenerator({ workDir: tempDir() });
    await expect(generator.version()).rejects.toThrow(ModelNotFoundError);
    await expect(generator.predict([buildTestRecord("1", "x")])).rejects.toThrow(/npm run train/);
  });

  it("stores a version named after the model, with p_fiction, through generateFacets", async () => {
    const workDir = tempDir();
    const { version } = await buildFixtureGenreModel(workDir, { novel: 1.5, sermons: -1 }, new Date("2026-01-01T00:00:00Z"));
    const store = openStore(path.join(workDir, "store.sqlite"));
    try {
      store.upsertRecords([buildTestRecord("a", "A novel"), buildTestRecord("b", "Sermons"), buildTestRecord("c", "Sermons and a novel")]);
      const summary = await generateFacets(store, { generators: [createGenreGenerator({ workDir })], batchSize: 2 });
      expect(summary.generators[0]).toMatchObject({ generator: "genre", modelVersion: version, predictions: 3 });
      const live = store.getCurrentPredictions("genre");
      expect(live.get("a")).toMatchObject({ value: "Fiction", extra: { p_fiction: expect.closeTo(sigmoid(1.5), 6) } });
      expect(live.get("b")?.value).toBe("Non-fiction");
      const stored = store.listPredictionVersions("genre");
      expect(stored).toHaveLength(1);
      expect(stored[0]?.meta.modelVersion).toBe(version);
      const again = await generateFacets(store, { generators: [createGenreGenerator({ workDir })], skipUpToDate: true });
      expect(again.generators[0]?.skipped).toBe(true);
    } finally {
      store.close();
    }
  });
});

describe("generateFacets without a genre model", () => {
  it("fails with a GenerateError naming the generator and the fix", async () => {
    const workDir = tempDir();
    const store = openStore(path.join(workDir, "store.sqlite"));
    try {
      store.upsertRecords([buildTestRecord("a", "A novel")]);
      await expect(generateFacets(store, { generators: [createGenreGenerator({ workDir })] })).rejects.toThrow(/^generator "genre" cannot say its version: No genre model in .*npm run train/);
      expect(store.getCurrentVersion("genre")).toBeNull();
    } finally {
      store.close();
    }
  });
});
