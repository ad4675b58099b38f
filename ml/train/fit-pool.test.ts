import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTf, type LoadedTf } from "@/ml/backend/load-tf";
import { Featuriser, buildFeatureConfig } from "@/ml/features/featurise";
import { hashFolded, hashMembers } from "@/ml/model/artifacts";
import { DEFAULT_HYPERPARAMETERS, type Hyperparameters, type TrainingExample } from "@/ml/model/fasttext";
import { FitPool, buildInProcessFitter, fitTfidfBaseline } from "./fit-pool";

const featuriser = new Featuriser(buildFeatureConfig(false));
const examples: TrainingExample[] = [
  ...["The Lost Heiress. A novel", "Poems and ballads", "A tale of the sea", "The captive king. A tragedy"].map((title) => ({ fields: featuriser.toBuckets({ title }), y: 1 as const, weight: 1 })),
  ...["A history of Kent", "Travels in Norway", "A guide to the lakes", "Annals of the town of Drogheda"].map((title) => ({ fields: featuriser.toBuckets({ title }), y: 0 as const, weight: 1 })),
];
const hp: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, dim: 8, epochs: 4, batchSize: 3, learningRate: 0.05, seeds: [11, 12] };

let tf: LoadedTf;
let pool: FitPool;
beforeAll(async () => {
  tf = await loadTf("wasm");
  pool = await FitPool.start(2, tf);
});
afterAll(async () => {
  await pool.close();
});

describe("FitPool", () => {
  it("trains in worker threads exactly what this thread trains (identical weight hashes), fits side by side", async () => {
    const here = await buildInProcessFitter(tf)(examples, hp);
    const steps: number[] = [];
    const [a, b] = await Promise.all([pool.fit(examples, hp, (done) => steps.push(done)), pool.fit(examples, { ...hp, seeds: [13] })]);
    expect(hashFolded(a!.folded)).toBe(hashFolded(here.folded));
    expect(hashMembers(a!.members)).toBe(hashMembers(here.members));
    expect(hashFolded(b!.folded)).not.toBe(hashFolded(here.folded));
    expect(steps.at(-1)).toBe(Math.ceil(examples.length / hp.batchSize) * hp.epochs * hp.seeds.length);
  });

  it("fits the TF-IDF baseline in a worker with the same probabilities as here", async () => {
    const train = ["The Lost Heiress. A novel", "Poems and ballads", "A history of Kent", "Travels in Norway"];
    const test = ["A novel of the sea", "A history of Norway"];
    const there = await pool.baseline(train, [1, 1, 0, 0], test);
    expect(there).toEqual(await fitTfidfBaseline(train, [1, 1, 0, 0], test));
    expect(there[0]!).toBeGreaterThan(there[1]!);
  });

  it("passes a failing fit's error back and keeps working", async () => {
    await expect(pool.fit([], hp)).rejects.toThrow(/no training examples/);
    const again = await pool.fit(examples, hp);
    expect(again.members).toHaveLength(2);
  });
});
