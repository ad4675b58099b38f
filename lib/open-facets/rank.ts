/**
 * An open facet: a linear classifier trained on a visitor's picks ("more like this" positives,
 * "not this" negatives) plus seeded random books as background negatives, scoring every book.
 */
import { buildRandom } from "@/ml/data/random";
import type { VectorSet } from "@/ml/vectors/vector-file";
import { trainLogisticFlat, type LinearModel } from "./logistic";

export interface OpenFacetOptions {
  randomNegatives: number;
  seed: number;
  /** Weight of an explicit "not this" relative to a random negative. */
  explicitNegativeWeight: number;
  iterations: number;
  learningRate: number;
  l2: number;
}

export const DEFAULT_OPEN_FACET_OPTIONS: OpenFacetOptions = { randomNegatives: 1000, seed: 20, explicitNegativeWeight: 3, iterations: 60, learningRate: 10, l2: 1e-4 };

export class OpenFacetError extends Error {
  override name = "OpenFacetError";
}

export interface OpenFacetResult {
  model: LinearModel;
  /** Probability per vector row (the set's order). */
  scores: Float32Array;
  unknownIds: string[];
}

export function toRow(set: VectorSet, row: number): Float32Array {
  const out = new Float32Array(set.dims);
  const s = set.scales[row]!;
  for (let d = 0; d < set.dims; d++) out[d] = set.data[row * set.dims + d]! * s;
  return out;
}

export function buildIdIndex(set: VectorSet): Map<string, number> {
  return new Map(set.ids.map((id, i) => [id, i]));
}

export function trainOpenFacet(set: VectorSet, index: ReadonlyMap<string, number>, pos: readonly string[], neg: readonly string[], options: OpenFacetOptions = DEFAULT_OPEN_FACET_OPTIONS): OpenFacetResult {
  const unknownIds = [...pos, ...neg].filter((id) => !index.has(id));
  const posRows = [...new Set(pos.flatMap((id) => (index.has(id) ? [index.get(id)!] : [])))];
  const negRows = [...new Set(neg.flatMap((id) => (index.has(id) ? [index.get(id)!] : [])))].filter((r) => !posRows.includes(r));
  if (posRows.length === 0) throw new OpenFacetError(`an open facet needs at least one "more like this" book that has a vector${unknownIds.length ? ` (unknown: ${unknownIds.slice(0, 5).join(", ")})` : ""}`);
  const taken = new Set([...posRows, ...negRows]);
  const random = buildRandom(options.seed);
  const background: number[] = [];
  const want = Math.min(options.randomNegatives, set.ids.length - taken.size);
  for (let guard = 0; background.length < want && guard < want * 20; guard++) {
    const r = Math.floor(random() * set.ids.length);
    if (!taken.has(r)) {
      taken.add(r);
      background.push(r);
    }
  }
  const rows = [...posRows, ...negRows, ...background];
  const ys = rows.map((_, i) => (i < posRows.length ? 1 : 0));
  // Balanced classes: the few positives weigh as much in total as all negatives.
  const negWeightTotal = negRows.length * options.explicitNegativeWeight + background.length;
  const posWeight = negWeightTotal / posRows.length;
  const weights = rows.map((_, i) => (i < posRows.length ? posWeight : i < posRows.length + negRows.length ? options.explicitNegativeWeight : 1));
  const x = new Float64Array(rows.length * set.dims);
  rows.forEach((r, i) => {
    const s = set.scales[r]!;
    for (let d = 0; d < set.dims; d++) x[i * set.dims + d] = set.data[r * set.dims + d]! * s;
  });
  const model = trainLogisticFlat(x, set.dims, ys, weights, options);
  return { model, scores: scoreAll(set, model), unknownIds };
}

export function scoreAll(set: VectorSet, model: LinearModel): Float32Array {
  const { dims, data, scales } = set;
  const w = Float32Array.from(model.weights);
  const out = new Float32Array(set.ids.length);
  for (let i = 0, at = 0; i < out.length; i++, at += dims) {
    let z = 0;
    for (let d = 0; d < dims; d++) z += w[d]! * data[at + d]!;
    out[i] = 1 / (1 + Math.exp(-(model.bias + z * scales[i]!)));
  }
  return out;
}

/** Rows by descending score (ties by row), optionally limited to `candidates` and skipping `exclude`. */
export function topRows(scores: Float32Array, k: number, options: { candidates?: ReadonlySet<number>; exclude?: ReadonlySet<number> } = {}): number[] {
  const rows: number[] = [];
  const source = options.candidates ? [...options.candidates] : Array.from({ length: scores.length }, (_, i) => i);
  for (const r of source) if (!options.exclude?.has(r)) rows.push(r);
  rows.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return rows.slice(0, k);
}
