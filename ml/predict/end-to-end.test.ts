import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTf } from "@/ml/backend/load-tf";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { latestModelDir, loadModel, markCurrent, predictRecords } from "@/ml/model/artifacts";
import { buildTrainingSettings } from "@/ml/train/settings";
import { readOutOfFoldPredictions, trainAndSaveGenreModel } from "@/ml/train/train-and-save";
import { OUTPUT_COLUMNS, predictCsvFile } from "./predict-csv";

const fixtures = path.join(import.meta.dirname, "..", "train", "fixtures");
let workDir: string;
let modelDir: string;
let version: string;

beforeAll(async () => {
  workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "genre-e2e-"));
  const data = await readLabelledBooks(path.join(fixtures, "labels.csv"));
  const tf = await loadTf("wasm");
  const settings = buildTrainingSettings({ titleOnly: false, seed: 3, overrides: { epochs: 8, batchSize: 8, learningRate: 0.05 } });
  settings.folds = 3;
  const saved = await trainAndSaveGenreModel({ data, settings, workDir, tf });
  modelDir = saved.dir;
  version = saved.meta.version;
});

afterAll(async () => {
  await fs.promises.rm(workDir, { recursive: true, force: true });
});

describe("train on a hand-written fixture, then predict a CSV", () => {
  it("writes a complete model folder", async () => {
    for (const f of ["model.json", "weights.bin", "embeddings.bin", "metrics.json", "report.md", "card.md", "card.json", "oof-predictions.json", "charts/reliability.svg", "charts/precision-coverage.svg"]) {
      expect(fs.existsSync(path.join(modelDir, f)), f).toBe(true);
    }
    const model = await loadModel(modelDir);
    expect(model.meta.trainingData).toMatchObject({ books: 40, rows: 41, fiction: 20, nonFiction: 20 });
    expect(model.meta.backend.name).toBe("wasm");
    expect(model.meta.trainingData.sha256).toMatch(/^[0-9a-f]{64}$/);
    const card = JSON.parse(await fs.promises.readFile(path.join(modelDir, "card.json"), "utf8"));
    for (const key of ["intendedUse", "trainingData", "factors", "metrics", "limitations", "thresholds", "model"]) expect(card, key).toHaveProperty(key);
    expect(card.model.licence).toMatch(/CC BY/);
    const oof = await readOutOfFoldPredictions(modelDir);
    expect(oof.length).toBe(40);
    expect(new Set(oof.map((o) => o.fold))).toEqual(new Set([0, 1, 2]));
  });

  it("finds the model as latest, and honours CURRENT", async () => {
    expect(latestModelDir(workDir)).toBe(modelDir);
    markCurrent(workDir, version);
    expect(latestModelDir(workDir)).toBe(modelDir);
    expect(() => markCurrent(workDir, "no-such-version")).toThrow(/No model folder/);
    const empty = await fs.promises.mkdtemp(path.join(os.tmpdir(), "genre-empty-"));
    expect(latestModelDir(empty)).toBeNull();
    await fs.promises.rm(empty, { recursive: true });
  });

  it("predicts records through the library API", async () => {
    const model = await loadModel(modelDir);
    const [novel, history] = predictRecords(model, [
      { title: "The Forester's Daughter. A novel", publisher: "Hurst & Blackett", shelfmark: "British Library HMNTS 12640.a.9." },
      { title: "A History of the County of Durham", shelfmark: "British Library HMNTS 10352.c.3." },
    ]);
    expect(novel!.value).toBe("Fiction");
    expect(history!.value).toBe("Non-fiction");
    for (const p of [novel!, history!]) {
      expect(p.confidence).toBeGreaterThanOrEqual(0.5);
      expect(p.confidence).toBeCloseTo(p.value === "Fiction" ? p.pFiction : 1 - p.pFiction, 12);
    }
  });

  it.each([0, 1])("predicts a CSV with %i worker thread(s): one row per record, rejects reported", async (workers) => {
    const output = path.join(workDir, `out-${workers}.csv`);
    const rejectsFile = path.join(workDir, `rejects-${workers}.csv`);
    const summary = await predictCsvFile({ input: path.join(fixtures, "predict-input.csv"), output, rejectsFile, modelDir, workers });
    expect(summary).toMatchObject({ rows: 6, written: 4, rejected: 2, modelVersion: version, rejectsFile });
    const lines = (await fs.promises.readFile(output, "utf8")).trimEnd().split("\n");
    expect(lines[0]).toBe(OUTPUT_COLUMNS.join(","));
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows.map((r) => r[0])).toEqual(["800000001", "800000002", "800000005", "800000006"]);
    for (const [, genre, confidence, pFiction, v] of rows) {
      expect(["Fiction", "Non-fiction"]).toContain(genre);
      const c = Number(confidence);
      const p = Number(pFiction);
      expect(c).toBeGreaterThanOrEqual(0.5);
      expect(c).toBeCloseTo(genre === "Fiction" ? p : 1 - p, 3);
      expect(v).toBe(version);
    }
    expect(rows[0]![1]).toBe("Fiction");
    expect(rows[1]![1]).toBe("Non-fiction");
    const rejects = await fs.promises.readFile(rejectsFile, "utf8");
    expect(rejects.split("\n")[0]).toBe("line,reason,raw");
    expect(rejects).toMatch(/^4,/m);
    expect(rejects).toMatch(/^5,/m);
  });

  it("cuts the file into byte ranges anywhere, even inside quoted line breaks, with the same output and reject lines", async () => {
    // Hand-written: quoted titles with commas, doubled quotes and line breaks, a blank line,
    // rows without id or title, a row with too many cells, CRLF endings and no final line break.
    const rowsText = [
      "BL record ID,Title,Name,BL shelfmark",
      '800000101,"The Orphan of the Moor,\nA novel in three volumes","Price, Anne",British Library HMNTS 12641.x.1.',
      "800000102,A History of the Abbey of Whitby,,British Library HMNTS 10352.y.2.",
      "",
      '800000103,"Poems, ""chiefly"" lyrical\r\nand other verses",,',
      ",Ballads of the Border,,",
      "800000105,Travels in Norway,Smith,Digital Store 10280.b.1,extra",
      '800000106,"A Tale\n\nof Two Valleys",,',
      "800000107,История Москвы,,",
      "800000108,Sketches of natural history,,British Library HMNTS 7208.a.1.",
    ].join("\r\n");
    const input = path.join(workDir, "ranges.csv");
    await fs.promises.writeFile(input, rowsText);
    const run = async (rangeBytes: number, workers: number, name: string) => {
      const output = path.join(workDir, `${name}.csv`);
      const rejectsFile = path.join(workDir, `${name}-rejects.csv`);
      const summary = await predictCsvFile({ input, output, rejectsFile, modelDir, workers, rangeBytes });
      return { summary, output: await fs.promises.readFile(output, "utf8"), rejects: await fs.promises.readFile(rejectsFile, "utf8") };
    };
    const whole = await run(1 << 20, 0, "whole");
    expect(whole.summary).toMatchObject({ rows: 8, written: 6, rejected: 2, ranges: 1, misalignedRanges: 0 });
    expect(whole.output.trimEnd().split("\n").slice(1).map((l) => l.split(",")[0])).toEqual(["800000101", "800000102", "800000103", "800000106", "800000107", "800000108"]);
    expect(whole.rejects).toMatch(/^8,no BL record ID,/m);
    expect(whole.rejects).toMatch(/^9,"wrong number of columns: expected 4, found 5",/m);
    let misaligned = 0;
    for (const rangeBytes of [7, 23, 41, 64]) {
      const cut = await run(rangeBytes, 0, `cut-${rangeBytes}`);
      expect(cut.output, `range ${rangeBytes} bytes`).toBe(whole.output);
      expect(cut.rejects, `range ${rangeBytes} bytes`).toBe(whole.rejects);
      expect(cut.summary).toMatchObject({ rows: 8, written: 6, rejected: 2 });
      expect(cut.summary.ranges).toBeGreaterThan(3);
      misaligned += cut.summary.misalignedRanges;
    }
    // Some cuts fell inside a quoted field: those ranges were re-read from the row's start or skipped.
    expect(misaligned).toBeGreaterThan(0);
    const threaded = await run(41, 2, "threads");
    expect(threaded.output).toBe(whole.output);
    expect(threaded.rejects).toBe(whole.rejects);
  });
});
