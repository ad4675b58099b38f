/**
 * The genre model: fastText-style mean-pooled embeddings of hashed features, one pooled
 * vector per catalogue field, summed, then a linear layer to one logit (Fiction vs
 * Non-fiction). Trained with TensorFlow.js.
 *
 * Two measured facts shape the code (see ../shared/notes/machine-facts.md):
 * - `tf.gather` / embedding-layer gradients are unusably slow, so pooling is done with
 *   `tf.sparse.sparseSegmentSum` and a hand-written gradient (`tf.customGrad` + `tf.scatterND`);
 * - hash buckets are remapped to those seen in training (about 1 in 10), so the dense table
 *   and the optimiser's passes over it stay small.
 *
 * Because the head is linear, the trained model folds into one score per bucket
 * (embedding . head): prediction is then a sum of table look-ups, no tensors needed.
 */
import type { Scalar, Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs";
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
  const index = new Map<number, number>();
  buckets.forEach((b, i) => index.set(b, i));
  const remapped = examples.map((ex) => ({
    fields: ex.fields.map((f) => f.map((b) => index.get(b)!)),
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
  y: Float32Array;
  w: Float32Array;
}

function buildBatch(examples: readonly RemappedExample[], order: readonly number[], fieldDropout: number, random: Random): Batch {
  const idx: number[] = [];
  const segId: number[] = [];
  const invLen: number[] = [];
  const segToEx: number[] = [];
  const y = new Float32Array(order.length);
  const w = new Float32Array(order.length);
  order.forEach((e, b) => {
    const ex = examples[e]!;
    y[b] = ex.y;
    w[b] = ex.weight;
    ex.fields.forEach((f, fieldIndex) => {
      // The title (field 0) is always kept: it is the one field every record has.
      const dropped = fieldIndex > 0 && fieldDropout > 0 && random() < fieldDropout;
      if (f.length === 0 || dropped) return;
      const s = invLen.length;
      invLen.push(1 / f.length);
      segToEx.push(b);
      for (const r of f) {
        idx.push(r);
        segId.push(s);
      }
    });
  });
  return { idx: Int32Array.from(idx), segId: Int32Array.from(segId), invLen: Float32Array.from(invLen), segToEx: Int32Array.from(segToEx), y, w };
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

/** Pooled vectors [batch, dim] with a hand-written gradient for the table (see file comment). */
function pooled(tf: Tf, table: Variable, t: BatchTensors): Tensor2D {
  const rows = table.shape[0]!;
  const dim = table.shape[1]!;
  const pool = tf.customGrad<Tensor2D>((...inputs) => {
    const x = inputs[0] as Tensor2D;
    const perSegment = tf.mul(tf.sparse.sparseSegmentSum(x, t.idx, t.segId), t.invLen);
    let value = tf.sparse.sparseSegmentSum(perSegment as Tensor2D, t.segRange, t.segToEx) as Tensor2D;
    // Trailing examples with every field empty have no segment; pad so the batch keeps its size.
    if (value.shape[0] < t.size) value = tf.pad(value, [[0, t.size - value.shape[0]], [0, 0]]);
    return {
      value,
      gradFunc: (dy: Tensor2D) => {
        const dSegment = tf.mul(tf.gather(dy, t.segToEx), t.invLen);
        const dRows = tf.gather(dSegment, t.segId);
        return tf.scatterND(tf.reshape(t.idx, [-1, 1]), dRows, [rows, dim]);
      },
    };
  });
  return pool(table) as Tensor2D;
}

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
  for (const seed of hp.seeds) {
    const random = buildRandom(seed);
    const init = new Float32Array(rows * hp.dim);
    const scale = 1 / hp.dim;
    for (let i = 0; i < init.length; i++) init[i] = (random() * 2 - 1) * scale;
    const headInit = new Float32Array(hp.dim);
    for (let i = 0; i < hp.dim; i++) headInit[i] = (random() * 2 - 1) * scale;
    const table = tf.variable(tf.tensor2d(init, [rows, hp.dim]), true, `embedding_${seed}`);
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
          const batch = buildBatch(remapped, slice, hp.fieldDropout, random);
          const loss = tf.tidy(() => {
            const yT = tf.tensor2d(batch.y, [slice.length, 1]);
            const wT = tf.tensor2d(batch.w, [slice.length, 1]);
            const wSum = batch.w.reduce((a, b) => a + b, 0);
            const tensors = toBatchTensors(tf, batch, slice.length);
            return optimizer.minimize(() => {
              const p = pooled(tf, table, tensors);
              const z = tf.add(tf.matMul(p, head), bias);
              // Stable binary cross-entropy: max(z,0) - z*y + log(1 + exp(-|z|)).
              const ce = tf.add(tf.sub(tf.relu(z), tf.mul(z, yT)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
              let l = tf.div(tf.sum(tf.mul(ce, wT)), wSum);
              if (hp.l2 > 0) l = tf.add(l, tf.mul(hp.l2, tf.mean(tf.sum(tf.square(p), 1))));
              return l as Scalar;
            }, true)!;
          });
          epochLoss += (await loss.data())[0]! * slice.length;
          loss.dispose();
          onStep?.(++done, totalSteps);
        }
        losses.push(epochLoss / order.length);
      }
      members.push({
        seed,
        embedding: (await table.data()) as Float32Array,
        head: (await head.data()) as Float32Array,
        bias: (await bias.data())[0]!,
      });
      lossHistory.push(losses);
    } finally {
      table.dispose();
      head.dispose();
      bias.dispose();
      optimizer.dispose();
    }
  }
  return { folded: foldMembers(buckets, numFields, members, hp.dim), members, lossHistory };
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
