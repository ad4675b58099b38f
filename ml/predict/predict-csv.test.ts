import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureGenreModel } from "@/lib/testing/genre-model";
import { loadModel } from "@/ml/model/artifacts";
import { loadScoringModel, scoringFieldProblems } from "@/ml/model/folded-weights";
import { predictCsvFile } from "./predict-csv";

let dir: string;
let modelDir: string;
let input: string;

beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "predict-csv-"));
  modelDir = (await buildFixtureGenreModel(dir, { novel: 2, tale: 1.5, history: -2, sermon: -1.5 }, new Date("2026-01-02T03:04:05Z"))).dir;
  const words = ["novel", "tale", "history", "sermon", "of", "the", "Nürnberg", "a"];
  const lines = ["BL record ID,Title,Name"];
  for (let i = 0; i < 60_000; i++) lines.push(`${9000000 + i},"${words[i % 8]} ${words[(i * 7) % 8]}, ${words[(i * 3) % 8]}","Smith, J."`);
  input = path.join(dir, "input.csv");
  await fs.promises.writeFile(input, `${lines.join("\n")}\n`);
});

afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe("predictCsvFile with worker threads", () => {
  it("gives the main thread's output when the workers run out of ranges before it does", async () => {
    const run = async (workers: number, name: string) => {
      const output = path.join(dir, `${name}.csv`);
      const summary = await predictCsvFile({ input, output, rejectsFile: path.join(dir, `${name}-rejects.csv`), modelDir, workers, rangeBytes: 400_000 });
      return { summary, output: await fs.promises.readFile(output, "utf8") };
    };
    const alone = await run(0, "alone");
    expect(alone.summary).toMatchObject({ rows: 60_000, written: 60_000, rejected: 0 });
    for (let repeat = 0; repeat < 3; repeat++) {
      const threaded = await run(2, `threads-${repeat}`);
      expect(threaded.summary.ranges).toBeGreaterThan(4);
      expect(threaded.output).toBe(alone.output);
    }
  });
});

describe("loadScoringModel", () => {
  it("loads what loadModel loads, without the schema", async () => {
    const light = await loadScoringModel(modelDir);
    const full = await loadModel(modelDir);
    expect(light.meta).toEqual(full.meta);
    const record = { title: "A novel of the sea" };
    expect(light.scorer.logit(record)).toBe(full.scorer.logit(record));
  });

  it("names the fields scoring needs that are missing or wrong, and refuses edited weights", async () => {
    const meta = JSON.parse(await fs.promises.readFile(path.join(modelDir, "model.json"), "utf8"));
    expect(scoringFieldProblems(meta)).toEqual([]);
    expect(scoringFieldProblems({ ...meta, format: "other/1", calibration: { scale: 1 } })).toEqual(["format: missing or invalid", "calibration: missing or invalid"]);
    expect(scoringFieldProblems({ ...meta, featureConfig: { ...meta.featureConfig, fields: ["title", "colour"] } })).toEqual(["featureConfig.fields: missing or invalid"]);
    const copy = path.join(dir, "edited");
    await fs.promises.cp(modelDir, copy, { recursive: true });
    const weights = await fs.promises.readFile(path.join(copy, "weights.bin"));
    weights[weights.length - 1]! ^= 1;
    await fs.promises.writeFile(path.join(copy, "weights.bin"), weights);
    await expect(loadScoringModel(copy)).rejects.toThrow(/does not match the hash/);
    await fs.promises.rm(path.join(copy, "model.json"));
    await expect(loadScoringModel(copy)).rejects.toThrow(/missing model.json/);
  });
});
