import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env";
import type { FacetGenerator } from "@/lib/facets/generators";
import { openStore } from "@/lib/store";
import { buildTestRecord } from "@/lib/testing/book-record";
import { buildFixtureGenreModel } from "@/lib/testing/genre-model";
import { generateMlFacets, toStartGenerators, trainOrLoadGenreModel } from "./ml-steps";
import { SetupError, type SetupContext } from "./steps";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function makeContext(withLabels = true): { ctx: SetupContext; lines: string[]; workDir: string; dataDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-steps-"));
  dirs.push(root);
  const dataDir = path.join(root, "data");
  const workDir = path.join(root, "work");
  fs.mkdirSync(path.join(dataDir, "annotations"), { recursive: true });
  if (withLabels) fs.writeFileSync(path.join(dataDir, "annotations", "train_valid.csv"), "hand-written placeholder: the fake trainer below never reads it\n");
  const lines: string[] = [];
  const env = parseServerEnv({ BL_DATA_DIR: dataDir, WORK_DIR: workDir });
  return { ctx: { env, root, log: (l) => lines.push(l), state: { dataDir } }, lines, workDir, dataDir };
}

const stubLanguage: FacetGenerator = {
  name: "language",
  version: () => "stub-1",
  predict: async (records) => records.map((r) => (/[a-z]/i.test(r.title) ? { value: "English", confidence: 0.9 } : null)),
};

describe("npm start: train or load the genre model", () => {
  it("trains when there is no model, with the labels from the data folder, then loads it", async () => {
    const { ctx, lines, workDir, dataDir } = makeContext();
    const calls: string[] = [];
    await trainOrLoadGenreModel(ctx, async (_ctx, labels) => {
      calls.push(labels);
      // The real runner spawns `npm run train`; this one writes a model folder the same way.
      await buildFixtureGenreModel(workDir, { novel: 1 }, new Date("2026-03-01T00:00:00Z"));
    });
    expect(calls).toEqual([path.join(dataDir, "annotations", "train_valid.csv")]);
    expect(lines.some((l) => l.startsWith("no genre model yet: training one from"))).toBe(true);
    expect(lines.at(-1)).toMatch(/^genre model 20260301T000000Z-title-[0-9a-f]{8} \(title only, trained 2026-03-01T00:00:00.000Z\) loads from /);
  });

  it("only loads when a model exists", async () => {
    const { ctx, lines, workDir } = makeContext();
    const { version } = await buildFixtureGenreModel(workDir, { novel: 1 }, new Date("2026-03-01T00:00:00Z"));
    await trainOrLoadGenreModel(ctx, () => {
      throw new Error("must not train");
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`genre model ${version}`);
  });

  it("stops with the missing labels file named when it has to train and cannot", async () => {
    const { ctx, dataDir } = makeContext(false);
    await expect(trainOrLoadGenreModel(ctx, () => undefined)).rejects.toThrow(new SetupError(`no genre model in ${path.join(ctx.env.WORK_DIR, "models", "genre")} and no labels to train one: ${path.join(dataDir, "annotations", "train_valid.csv")} is missing`));
  });

  it("refuses a model folder that does not load", async () => {
    const { ctx, workDir } = makeContext();
    const { dir } = await buildFixtureGenreModel(workDir, { novel: 1 }, new Date("2026-03-01T00:00:00Z"));
    fs.writeFileSync(path.join(dir, "weights.bin"), Buffer.alloc(8));
    await expect(trainOrLoadGenreModel(ctx)).rejects.toThrow(/does not load: .*does not match the hash/);
  });
});

describe("npm start: generate every machine facet", () => {
  it("generates genre from this WORK_DIR's model and every other generator, then skips when up to date", async () => {
    const { ctx, lines, workDir } = makeContext();
    const { version } = await buildFixtureGenreModel(workDir, { novel: 2, history: -2 }, new Date("2026-03-01T00:00:00Z"));
    const store = openStore(path.join(workDir, "store.sqlite"));
    store.upsertRecords([buildTestRecord("1", "A novel"), buildTestRecord("2", "A history"), buildTestRecord("3", "1871")]);
    store.close();
    const generators = toStartGenerators(ctx, [{ name: "genre", version: () => "unbound", predict: async () => [] }, stubLanguage]);
    await generateMlFacets(ctx, generators);
    expect(lines[0]).toMatch(new RegExp(`^genre: 3 predictions by ${version} in [\\d.]+ s, now live as ${version}@`));
    expect(lines[1]).toMatch(/^language: 2 predictions by stub-1/);
    const check = openStore(path.join(workDir, "store.sqlite"));
    try {
      expect(check.getCurrentPredictions("genre").get("1")?.value).toBe("Fiction");
      expect(check.getCurrentPredictions("genre").get("2")?.value).toBe("Non-fiction");
    } finally {
      check.close();
    }
    lines.length = 0;
    await generateMlFacets(ctx, generators);
    expect(lines).toEqual([expect.stringMatching(/^genre: up to date/), expect.stringMatching(/^language: up to date/)]);
  });

  it("stops when the store is empty", async () => {
    const { ctx } = makeContext();
    await expect(generateMlFacets(ctx, [stubLanguage])).rejects.toThrow(/no records/);
  });
});
