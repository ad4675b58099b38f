/**
 * Weighted, L2-regularised logistic regression by full-batch gradient descent: small and exact
 * enough for an open facet (a few hundred to a thousand examples of a few hundred dimensions).
 * Minimises sum_i s_i * logloss_i / sum_i s_i + (l2 / 2) * ||w||^2 (the bias is not regularised).
 */
export interface LogisticOptions {
  learningRate: number;
  iterations: number;
  l2: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function trainLogistic(xs: readonly ArrayLike<number>[], ys: readonly number[], sampleWeights: readonly number[], options: LogisticOptions): LinearModel {
  const dims = xs[0]?.length ?? 0;
  if (xs.length === 0) throw new RangeError("no training examples");
  if (ys.length !== xs.length || sampleWeights.length !== xs.length) throw new RangeError(`${xs.length} examples but ${ys.length} labels and ${sampleWeights.length} weights`);
  const total = sampleWeights.reduce((a, b) => a + b, 0);
  const w = new Float64Array(dims);
  let b = 0;
  const g = new Float64Array(dims);
  for (let t = 0; t < options.iterations; t++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      let z = b;
      for (let d = 0; d < dims; d++) z += w[d]! * x[d]!;
      const r = (sampleWeights[i]! * (sigmoid(z) - ys[i]!)) / total;
      gb += r;
      for (let d = 0; d < dims; d++) g[d]! += r * x[d]!;
    }
    for (let d = 0; d < dims; d++) w[d]! -= options.learningRate * (g[d]! + options.l2 * w[d]!);
    b -= options.learningRate * gb;
  }
  return { weights: w, bias: b };
}
