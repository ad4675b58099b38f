/**
 * Pool-based active-learning simulation (issue 9): from the same seed set, grow the labelled set
 * batch by batch either at random or by least confidence (the pool books whose predicted
 * probability is nearest 0.5), retrain, and record the test macro-F1 after each batch.
 * The labels of the pool are known, so "asking a person" is reading the label.
 */
import { buildRandom, shuffleInPlace } from "@/ml/data/random";
import { classificationReport, toPredictedClass } from "@/ml/evaluate/metrics";

export type Strategy = "random" | "least-confidence";
export const STRATEGIES: readonly Strategy[] = ["random", "least-confidence"];

export interface Example {
  text: string;
  y: 0 | 1;
}

/** Trains on texts and returns P(class 1) for other texts. */
export type Trainer = (texts: string[], ys: number[]) => (texts: string[]) => number[];

export interface SimulationOptions {
  seedSize: number;
  batchSize: number;
  maxLabels: number;
  seed: number;
}

export interface CurvePoint {
  labels: number;
  macroF1: number;
}

export class SimulationError extends Error {
  override name = "SimulationError";
}

/** The seed set: `size` pool indices drawn at random, redrawn until both classes are present. */
export function drawSeedSet(pool: readonly Example[], size: number, seed: number): number[] {
  if (size < 2 || size > pool.length) throw new SimulationError(`seed set of ${size} books is not possible with a pool of ${pool.length}`);
  const random = buildRandom(seed);
  for (let attempt = 0; attempt < 100; attempt++) {
    const picked = shuffleInPlace(pool.map((_, i) => i), random).slice(0, size);
    if (new Set(picked.map((i) => pool[i]!.y)).size === 2) return picked.sort((a, b) => a - b);
  }
  throw new SimulationError(`no seed set of ${size} books holds both classes (the pool has only one)`);
}

/** Indices of the `k` unlabelled pool items with p closest to 0.5 (ties: lower index first). */
export function pickLeastConfidentIndices(p: readonly number[], unlabelled: readonly number[], k: number): number[] {
  return [...unlabelled].sort((a, b) => Math.abs(p[a]! - 0.5) - Math.abs(p[b]! - 0.5) || a - b).slice(0, k);
}

export function simulateCurve(pool: readonly Example[], test: readonly Example[], strategy: Strategy, seedSet: readonly number[], train: Trainer, options: SimulationOptions, onRound?: () => void): CurvePoint[] {
  const random = buildRandom(options.seed * 7919 + (strategy === "random" ? 1 : 2));
  const labelled = new Set(seedSet);
  const curve: CurvePoint[] = [];
  const testTexts = test.map((e) => e.text);
  const testYs = test.map((e) => e.y);
  for (;;) {
    const ids = [...labelled];
    const predict = train(ids.map((i) => pool[i]!.text), ids.map((i) => pool[i]!.y));
    const report = classificationReport(testYs, predict(testTexts).map(toPredictedClass));
    curve.push({ labels: labelled.size, macroF1: report.macroF1 });
    onRound?.();
    const unlabelled = pool.map((_, i) => i).filter((i) => !labelled.has(i));
    const k = Math.min(options.batchSize, options.maxLabels - labelled.size, unlabelled.length);
    if (k <= 0) break;
    const next =
      strategy === "random"
        ? shuffleInPlace(unlabelled, random).slice(0, k)
        : pickLeastConfidentIndices(predict(unlabelled.map((i) => pool[i]!.text)), unlabelled, k);
    for (const i of next) labelled.add(i);
  }
  return curve;
}

/** Mean of several runs' curves, point by point (every run has the same label counts). */
export function averageCurves(curves: readonly CurvePoint[][]): CurvePoint[] {
  const first = curves[0];
  if (!first) return [];
  return first.map((p, j) => ({ labels: p.labels, macroF1: curves.reduce((s, c) => s + c[j]!.macroF1, 0) / curves.length }));
}

/** Fewest labels at which the curve reaches `target` macro-F1, or null if it never does. */
export function labelsToReach(curve: readonly CurvePoint[], target: number): number | null {
  return curve.find((p) => p.macroF1 >= target - 1e-12)?.labels ?? null;
}
