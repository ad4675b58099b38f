import { describe, expect, it } from "vitest";
import { buildRandom } from "@/ml/data/random";
import { quantise, type VectorSet } from "@/ml/vectors/vector-file";
import { scoreAll, topRows } from "./rank";

function randomSet(n: number, dims: number, seed: number): VectorSet {
  const random = buildRandom(seed);
  const vectors = Array.from({ length: n }, () => Float32Array.from({ length: dims }, () => random() * 2 - 1));
  return { dims, ids: vectors.map((_, i) => String(i)), ...quantise(vectors, dims), meta: {} };
}

describe("scoreAll", () => {
  it("matches the float dot product over the dequantised vectors (dims not a multiple of four too)", () => {
    for (const dims of [8, 7]) {
      const set = randomSet(50, dims, dims);
      const random = buildRandom(99);
      const model = { weights: Float64Array.from({ length: dims }, () => random() * 6 - 3), bias: -0.4 };
      const scores = scoreAll(set, model);
      for (let i = 0; i < 50; i++) {
        let z = model.bias;
        for (let d = 0; d < dims; d++) z += model.weights[d]! * set.data[i * dims + d]! * set.scales[i]!;
        expect(scores[i]).toBeCloseTo(1 / (1 + Math.exp(-z)), 4);
      }
    }
  });

  it("gives 0.5 everywhere for a zero model", () => {
    expect(Array.from(scoreAll(randomSet(3, 4, 1), { weights: new Float64Array(4), bias: 0 }))).toEqual([0.5, 0.5, 0.5]);
  });
});

describe("topRows", () => {
  const scores = Float32Array.from([0.5, 0.9, 0.1, 0.9, 0.7, 0.3, 0.7, 0.2]);
  const bySort = (rows: number[]) => [...rows].sort((a, b) => scores[b]! - scores[a]! || a - b);

  it("returns the k best rows, ties by row, as a full sort would", () => {
    expect(topRows(scores, 3)).toEqual([1, 3, 4]);
    for (let k = 0; k <= 9; k++) expect(topRows(scores, k)).toEqual(bySort([0, 1, 2, 3, 4, 5, 6, 7]).slice(0, k));
  });

  it("keeps to the candidates and skips excluded rows", () => {
    expect(topRows(scores, 2, { candidates: new Set([0, 2, 5, 6]), exclude: new Set([6]) })).toEqual([0, 5]);
    expect(topRows(scores, 10, { exclude: new Set([1, 3]) })).toEqual([4, 6, 0, 5, 7, 2]);
  });

  it("agrees with a full sort on a large random vector", () => {
    const random = buildRandom(5);
    const big = Float32Array.from({ length: 5000 }, () => Math.round(random() * 100) / 100);
    const all = Array.from({ length: big.length }, (_, i) => i).sort((a, b) => big[b]! - big[a]! || a - b);
    expect(topRows(big, 50)).toEqual(all.slice(0, 50));
  });
});
