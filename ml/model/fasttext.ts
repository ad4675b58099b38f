/**
 * The genre model: fastText-style mean-pooled embeddings of hashed features, one pooled
 * vector per catalogue field, summed, then a linear layer to one logit (Fiction vs
 * Non-fiction). Trained with TensorFlow.js.
 *
 * Measured facts shape the code (see ../shared/notes/machine-facts.md and ml/README.md):
 * - `tf.gather` / embedding-layer gradients are unusably slow, so pooling is done with
 *   `tf.sparse.sparseSegmentSum`, and TensorFlow.js differentiates the loss with respect to the
 *   pooled vectors, the head and the bias only;
 * - the table's gradient is then summed per distinct row in plain JS, and its Adam step (the
 *   same update as `tf.train.adam`, dense over the table) is a plain loop over Float32Arrays:
 *   through tensors, the gather of one gradient row per feature occurrence took 45% of the
 *   training time and the table's Adam ops another 35% (--cpu-prof on `npm run train`);
 * - hash buckets are remapped to those seen in training (about 1 in 10), so the dense table
 *   and the optimiser's passes over it stay small.
 *
 * Because the head is linear, the trained model folds into one score per bucket
 * (embedding . head): prediction is then a sum of table look-ups, no tensors needed.
 */
import type { Scalar, Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs";
import type { Tf } from "@/ml/backend/load-tf";
import { buildRandom, shuffleInPlace, type Random } from "@/ml/data/random";

export interface TrainingExample {
  /** Hash buckets per field, in the feature config's field order. */
  fields: Int32Array[];
  y: 0 | 1;
  weight: number;
}

export interface Hyperparameters {
  dim: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** Chance that a metadata field (not the title) is hidden from an example in an epoch. */
  fieldDropout: number;
  /** L2 penalty on the pooled vectors (keeps scores of rare buckets small). */
  l2: number;
  /** Seeds of the ensemble; the folded tables are averaged. */
  seeds: number[];
}

export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
  dim: 16,
  epochs: 6,
  learningRate: 0.02,
  batchSize: 64,
  fieldDropout: 0.3,
  l2: 0,
  seeds: [1],
};

/** The trained model folded to one score per seen bucket. */
export interface FoldedModel {
  numFields: number;
  bias: number;
  /** Sorted hash buckets seen in training. */
  buckets: Int32Array;
  /** Score of each bucket (same order as `buckets`). */
  scores: Float32Array;
}

export interface TrainedFastText {
  folded: FoldedModel;
  /** Per seed: the embedding table (rows follow `folded.buckets`) and head, for the record. */
  members: Array<{ seed: number; embedding: Float32Array; head: Float32Array; bias: number }>;
  lossHistory: number[][];
  /** Wall-clock seconds of the fit on its thread (single-threaded, so also a bound on its CPU time); absent for hand-built models. */
  seconds?: number;
}

interface RemappedExample {
  fields: Int32Array[];
  y: number;
  weight: number;
}

function toBucketIndex(examples: readonly TrainingExample[]): { buckets: Int32Array; remapped: RemappedExample[] } {
  const seen = new Set<number>();
  for (const ex of examples) for (const f of ex.fields) for (const b of f) seen.add(b);
  const buckets = Int32Array.from(seen).sort();
  // Buckets are below 2^bucketBits; a dense map is faster than a Map for the remapping.
  const index = new Int32Array((buckets.at(-1) ?? 0) + 1);
  buckets.forEach((b, i) => {
    index[b] = i;
  });
  const remapped = examples.map((ex) => ({
    fields: ex.fields.map((f) => f.map((b) => index[b]!)),
    y: ex.y,
    weight: ex.weight,
  }));
  return { buckets, remapped };
}

interface Batch {
  /** Row of the table for each feature occurrence. */
  idx: Int32Array;
  /** Segment (example x field) of each feature occurrence. */
  segId: Int32Array;
  invLen: Float32Array;
  /** Example of each segment. */
  segToEx: Int32Array;
  /** Distinct table rows of the batch. */
  uniqueRows: Int32Array;
  y: Float32Array;
  w: Float32Array;
}

/**
 * Index arrays of one batch, written straight into typed arrays (this ran 12 times per fit per
 * step and, with JS arrays, cost a quarter of a fit). `rowMark` is all zeros, one entry per
 * table row; it is left all zeros.
 */
function buildBatch(examples: readonly RemappedExample[], order: readonly number[], fieldDropout: number, random: Random, rowMark: Int32Array): Batch {
  let occurrences = 0;
  let segments = 0;
  for (const e of order) {
    for (const f of examples[e]!.fields) {
      occurrences += f.length;
      segments++;
    }
  }
  const idx = new Int32Array(occurrences);
  const segId = new Int32Array(occurrences);
  const invLen = new Float32Array(segments);
  const segToEx = new Int32Array(segments);
  const unique = new Int32Array(occurrences);
  const y = new Float32Array(order.length);
  const w = new Float32Array(order.length);
  let o = 0;
  let s = 0;
  let u = 0;
  for (let b = 0; b < order.length; b++) {
    const ex = examples[order[b]!]!;
    y[b] = ex.y;
    w[b] = ex.weight;
    for (let fieldIndex = 0; fieldIndex < ex.fields.length; fieldIndex++) {
      const f = ex.fields[fieldIndex]!;
      // The title (field 0) is always kept: it is the one field every record has.
      const dropped = fieldIndex > 0 && fieldDropout > 0 && random() < fieldDropout;
      if (f.length === 0 || dropped) continue;
      invLen[s] = 1 / f.length;
      segToEx[s] = b;
      for (let k = 0; k < f.length; k++, o++) {
        const row = f[k]!;
        idx[o] = row;
        segId[o] = s;
        // Distinct rows, via the per-row mark.
        if (rowMark[row] === 0) {
          unique[u++] = row;
          rowMark[row] = 1;
        }
      }
      s++;
    }
  }
  for (let k = 0; k < u; k++) rowMark[unique[k]!] = 0;
  return {
    idx: idx.subarray(0, o),
    segId: segId.subarray(0, o),
    invLen: invLen.subarray(0, s),
    segToEx: segToEx.subarray(0, s),
    uniqueRows: unique.subarray(0, u),
    y,
    w,
  };
}

interface BatchTensors {
  idx: Tensor1D;
  segId: Tensor1D;
  invLen: Tensor2D;
  segToEx: Tensor1D;
  segRange: Tensor1D;
  size: number;
}

/**
 * Index tensors must be created outside `optimizer.minimize`: the forward pass runs in a tidy
 * scope that would dispose them before the hand-written gradient reads them.
 */
function toBatchTensors(tf: Tf, batch: Batch, size: number): BatchTensors {
  return {
    idx: tf.tensor1d(batch.idx, "int32"),
    segId: tf.tensor1d(batch.segId, "int32"),
    invLen: tf.tensor2d(batch.invLen, [batch.invLen.length, 1]),
    segToEx: tf.tensor1d(batch.segToEx, "int32"),
    segRange: tf.range(0, batch.invLen.length, 1, "int32") as Tensor1D,
    size,
  };
}

/** Pooled vectors [batch, dim]: per-field means of table rows, summed over fields. */
function pooled(tf: Tf, table: Tensor2D, t: BatchTensors): Tensor2D {
  const perSegment = tf.mul(tf.sparse.sparseSegmentSum(table, t.idx, t.segId), t.invLen);
  let value = tf.sparse.sparseSegmentSum(perSegment as Tensor2D, t.segRange, t.segToEx) as Tensor2D;
  // Trailing examples with every field empty have no segment; pad so the batch keeps its size.
  if (value.shape[0] < t.size) value = tf.pad(value, [[0, t.size - value.shape[0]], [0, 0]]);
  return value;
}

/**
 * Adam on the embedding table: `tf.train.adam`'s update, element by element, dense over the
 * table. One flat loop over a dense gradient that is zero outside the batch's rows: for those
 * rows `beta * m + (1 - beta) * 0` is exactly `beta * m`, so this is the same update as
 * branching per row, and measured 30% faster.
 */
class TableAdam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  /** Dense gradient; all zeros between steps. */
  private readonly g: Float32Array;
  private accBeta1 = ADAM_BETA1;
  private accBeta2 = ADAM_BETA2;

  constructor(
    private readonly table: Float32Array,
    private readonly dim: number,
    private readonly learningRate: number,
  ) {
    this.m = new Float32Array(table.length);
    this.v = new Float32Array(table.length);
    this.g = new Float32Array(table.length);
  }

  /** One step from the gradient of the pooled vectors `dPooled` [batch, dim]. */
  step(batch: Batch, dPooled: Float32Array): void {
    const { dim, g, table, m, v, learningRate } = this;
    for (let o = 0; o < batch.idx.length; o++) {
      const segment = batch.segId[o]!;
      const from = batch.segToEx[segment]! * dim;
      const to = batch.idx[o]! * dim;
      const scale = batch.invLen[segment]!;
      for (let k = 0; k < dim; k++) g[to + k]! += dPooled[from + k]! * scale;
    }
    const c1 = 1 - this.accBeta1;
    const c2 = 1 - this.accBeta2;
    const rate = learningRate / c1;
    // Multiplying by the inverse: the loop is bound by its divisions and square roots.
    const invC2 = 1 / c2;
    for (let i = 0; i < table.length; i++) {
      const gi = g[i]!;
      const mi = ADAM_BETA1 * m[i]! + (1 - ADAM_BETA1) * gi;
      const vi = ADAM_BETA2 * v[i]! + (1 - ADAM_BETA2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      table[i]! -= (rate * mi) / (Math.sqrt(vi * invC2) + ADAM_EPSILON);
    }
    for (let u = 0; u < batch.uniqueRows.length; u++) g.fill(0, batch.uniqueRows[u]! * dim, (batch.uniqueRows[u]! + 1) * dim);
    this.accBeta1 *= ADAM_BETA1;
    this.accBeta2 *= ADAM_BETA2;
  }
}

/** tf.train.adam's defaults (epsilon is the float32 backends' `backend.epsilon()`). */
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-7;

/**
 * Trains one member per seed on the same examples and folds the ensemble into one table.
 * Deterministic for a given backend: initial weights and shuffles come from seeded PRNGs.
 */
export async function trainFastText(
  tf: Tf,
  examples: readonly TrainingExample[],
  hp: Hyperparameters,
  onStep?: (done: number, total: number) => void,
): Promise<TrainedFastText> {
  if (examples.length === 0) throw new Error("trainFastText: no training examples");
  const started = performance.now();
  const { buckets, remapped } = toBucketIndex(examples);
  const numFields = examples[0]!.fields.length;
  const rows = buckets.length;
  const positives = remapped.reduce((s, e) => s + e.y * e.weight, 0);
  const total = remapped.reduce((s, e) => s + e.weight, 0);
  const prior = Math.min(0.99, Math.max(0.01, positives / total));
  const stepsPerEpoch = Math.ceil(remapped.length / hp.batchSize);
  const totalSteps = stepsPerEpoch * hp.epochs * hp.seeds.length;
  let done = 0;
  const members: TrainedFastText["members"] = [];
  const lossHistory: number[][] = [];
  const rowMark = new Int32Array(rows);
  for (const seed of hp.seeds) {
    const random = buildRandom(seed);
    const init = new Float32Array(rows * hp.dim);
    const scale = 1 / hp.dim;
    for (let i = 0; i < init.length; i++) init[i] = (random() * 2 - 1) * scale;
    const headInit = new Float32Array(hp.dim);
    for (let i = 0; i < hp.dim; i++) headInit[i] = (random() * 2 - 1) * scale;
    const table = init;
    const tableAdam = new TableAdam(table, hp.dim, hp.learningRate);
    const head = tf.variable(tf.tensor2d(headInit, [hp.dim, 1]), true, `head_${seed}`);
    const bias = tf.variable(tf.scalar(Math.log(prior / (1 - prior))), true, `bias_${seed}`);
    const optimizer = tf.train.adam(hp.learningRate);
    const losses: number[] = [];
    try {
      for (let epoch = 0; epoch < hp.epochs; epoch++) {
        const order = shuffleInPlace(remapped.map((_, i) => i), random);
        let epochLoss = 0;
        for (let start = 0; start < order.length; start += hp.batchSize) {
          const slice = order.slice(start, start + hp.batchSize);
          const batch = buildBatch(remapped, slice, hp.fieldDropout, random, rowMark);
          const { loss, dPooled } = tf.tidy(() => {
            const yT = tf.tensor2d(batch.y, [slice.length, 1]);
            const wT = tf.tensor2d(batch.w, [slice.length, 1]);
            const wSum = batch.w.reduce((a, b) => a + b, 0);
            const p = pooled(tf, tf.tensor2d(table, [rows, hp.dim]), toBatchTensors(tf, batch, slice.length));
            const lossOf = (pp: Tensor, hh: Tensor, bb: Tensor): Scalar => {
              const z = tf.add(tf.matMul(pp as Tensor2D, hh as Tensor2D), bb);
              // Stable binary cross-entropy: max(z,0) - z*y + log(1 + exp(-|z|)).
              const ce = tf.add(tf.sub(tf.relu(z), tf.mul(z, yT)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
              let l = tf.div(tf.sum(tf.mul(ce, wT)), wSum);
              if (hp.l2 > 0) l = tf.add(l, tf.mul(hp.l2, tf.mean(tf.sum(tf.square(pp), 1))));
              return l as Scalar;
            };
            const { value, grads } = tf.valueAndGrads(lossOf)([p, head, bias]);
            optimizer.applyGradients([
              { name: head.name, tensor: grads[1]! },
              { name: bias.name, tensor: grads[2]! },
            ]);
            return { loss: value, dPooled: grads[0]! };
          });
          tableAdam.step(batch, (await dPooled.data()) as Float32Array);
          epochLoss += (await loss.data())[0]! * slice.length;
          loss.dispose();
          dPooled.dispose();
          onStep?.(++done, totalSteps);
        }
        losses.push(epochLoss / order.length);
      }
      members.push({
        seed,
        embedding: Float32Array.from(table),
        head: (await head.data()) as Float32Array,
        bias: (await bias.data())[0]!,
      });
      lossHistory.push(losses);
    } finally {
      head.dispose();
      bias.dispose();
      optimizer.dispose();
    }
  }
  return { folded: foldMembers(buckets, numFields, members, hp.dim), members, lossHistory, seconds: (performance.now() - started) / 1000 };
}

/** score[bucket] = mean over members of embedding[bucket] . head; bias likewise. */
export function foldMembers(buckets: Int32Array, numFields: number, members: TrainedFastText["members"], dim: number): FoldedModel {
  const scores = new Float32Array(buckets.length);
  let bias = 0;
  for (const m of members) {
    bias += m.bias / members.length;
    for (let r = 0; r < buckets.length; r++) {
      let s = 0;
      for (let k = 0; k < dim; k++) s += m.embedding[r * dim + k]! * m.head[k]!;
      scores[r]! += s / members.length;
    }
  }
  return { numFields, bias, buckets, scores };
}
