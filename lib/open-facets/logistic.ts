/**
 * Weighted, L2-regularised logistic regression by full-batch gradient descent: small and exact
 * enough for an open facet (a few hundred to a thousand examples of a few hundred dimensions).
 * Minimises sum_i s_i * logloss_i / sum_i s_i + (l2 / 2) * ||w||^2 (the bias is not regularised).
 */
export interface LogisticOptions {
  learningRate: number;
  iterations: number;
  l2: number;
  /**
   * Nesterov momentum (0: plain gradient descent). On the open facets' well-conditioned problem it
   * reaches in 20 steps the loss plain descent needs 60 for, and each step is a full pass over the data.
   */
  momentum?: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function trainLogistic(xs: readonly ArrayLike<number>[], ys: readonly number[], sampleWeights: readonly number[], options: LogisticOptions): LinearModel {
  if (xs.length === 0) throw new RangeError("no training examples");
  const dims = xs[0]!.length;
  const flat = new Float64Array(xs.length * dims);
  xs.forEach((x, i) => {
    if (x.length !== dims) throw new RangeError(`example ${i} has ${x.length} components, expected ${dims}`);
    for (let d = 0; d < dims; d++) flat[i * dims + d] = x[d]!;
  });
  return trainLogisticFlat(flat, dims, ys, sampleWeights, options);
}

/** Same, on a row-major matrix: one typed array keeps the inner loops monomorphic (the hot path). */
export function trainLogisticFlat(x: Float64Array, dims: number, ys: readonly number[], sampleWeights: readonly number[], options: LogisticOptions): LinearModel {
  const n = dims === 0 ? 0 : x.length / dims;
  if (n === 0) throw new RangeError("no training examples");
  if (ys.length !== n || sampleWeights.length !== n) throw new RangeError(`${n} examples but ${ys.length} labels and ${sampleWeights.length} weights`);
  const total = sampleWeights.reduce((a, b) => a + b, 0);
  const sw = Float64Array.from(sampleWeights, (v) => v / total);
  const y = Float64Array.from(ys);
  const w = new Float64Array(dims);
  let b = 0;
  const g = new Float64Array(dims);
  const mu = options.momentum ?? 0;
  // Nesterov in its "look-ahead" form: the gradient is taken at w + mu * v, kept in `w` itself.
  const v = new Float64Array(dims);
  let vb = 0;
  for (let t = 0; t < options.iterations; t++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0, at = 0; i < n; i++, at += dims) {
      let z = b;
      for (let d = 0; d < dims; d++) z += w[d]! * x[at + d]!;
      const r = sw[i]! * (1 / (1 + Math.exp(-z)) - y[i]!);
      gb += r;
      for (let d = 0; d < dims; d++) g[d]! += r * x[at + d]!;
    }
    for (let d = 0; d < dims; d++) {
      const step = -options.learningRate * (g[d]! + options.l2 * w[d]!);
      const next = mu * v[d]! + step;
      w[d]! += next + mu * (next - v[d]!);
      v[d] = next;
    }
    const stepB = -options.learningRate * gb;
    const nextB = mu * vb + stepB;
    b += nextB + mu * (nextB - vb);
    vb = nextB;
  }
  return { weights: w, bias: b };
}
