/**
 * Fast prediction with a folded model: per record, hash its features and add up table
 * look-ups, per field averaged over the buckets seen in training. No tensors, no string
 * allocation in the hot path.
 *
 * The look-up is cache-bound: a record emits about 225 features, and a score per hash bucket
 * (2^20 x 4 bytes) does not fit a core's L2 cache, so most look-ups missed it (measured 19-23
 * us per record against 7 with a 256 KB table). Only the buckets seen in training have scores
 * (about 75,000), so the table is compact: one bit per bucket saying "seen", interleaved with
 * the rank of its 32-bit word, and the scores in bucket order. About 550 KB, read the same
 * floats, so the logits are those of a full table.
 *
 * Hashing is the other cost: a title word of n letters has about 3n character n-grams. `logit`
 * therefore scores each title word's n-grams once and caches their sum and count by word (the
 * folded letters are compared, so a hash collision cannot mix two words up). A word's n-gram
 * scores are always added as one partial sum, cached or not, so a record's logit does not
 * depend on what was scored before it; it can differ from `logitOfBuckets`, which adds bucket
 * by bucket, in the last bits of the float sum.
 */
import { Featuriser, type CharNgramSink, type FeatureConfig, type GenreInput } from "@/ml/features/featurise";
import type { FoldedModel } from "./fasttext";

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** Pairs (bits of 32 buckets, rank of the word's first seen bucket), from sorted unique buckets. */
export function buildSeenIndex(buckets: Int32Array, bucketBits: number): Int32Array {
  const index = new Int32Array(2 * Math.max(1, (1 << bucketBits) >>> 5));
  let previous = -1;
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i]!;
    if (b <= previous || b < 0 || b >>> bucketBits !== 0) throw new Error(`Folded model buckets must be unique, sorted and below 2^${bucketBits}; found ${b} after ${previous} at ${i}`);
    previous = b;
    index[2 * (b >>> 5)]! |= 1 << (b & 31);
  }
  let rank = 0;
  for (let w = 0; w < index.length; w += 2) {
    index[w + 1] = rank;
    rank += popcount(index[w]!);
  }
  return index;
}

/** The collection's 34,000 titles have about 48,500 distinct words: room for all of them. */
const CACHE_SLOTS = 1 << 17;
/** Cleared when this full (open addressing stays short) or when its letter pool runs out. */
const CACHE_MAX_WORDS = CACHE_SLOTS >>> 1;
const CACHE_POOL_CHARS = 1 << 20;

/**
 * Per title word: the sum and count of its character n-gram scores (seen buckets only).
 * One slot is four int32 (hash, length | namespace << 7, pool offset, count) plus the sum, so a
 * look-up touches two cache lines and the word's letters.
 */
class WordNgramCache implements CharNgramSink {
  private readonly slots = new Int32Array(CACHE_SLOTS * 4);
  private readonly wordSums = new Float64Array(CACHE_SLOTS);
  private readonly pool = new Uint16Array(CACHE_POOL_CHARS);
  private poolUsed = 0;
  private words = 0;
  private sum = 0;
  private count = 0;
  private readonly collect: (field: number, bucket: number) => void;

  constructor(
    private readonly featuriser: Featuriser,
    index: Int32Array,
    scores: Float32Array,
    private readonly sums: Float64Array,
    private readonly counts: Int32Array,
  ) {
    this.collect = (_field, bucket) => {
      const w = (bucket >>> 5) << 1;
      const bits = index[w]!;
      const bit = 1 << (bucket & 31);
      if ((bits & bit) === 0) return;
      this.sum += scores[index[w + 1]! + popcount(bits & (bit - 1))]!;
      this.count++;
    };
  }

  word(field: number, ns: number, word: Uint16Array, len: number, wordHash: number): void {
    const slots = this.slots;
    const mask = CACHE_SLOTS - 1;
    const hash = wordHash | 0;
    const key = len | (ns << 7);
    let slot = hash & mask;
    for (;;) {
      const at = slot << 2;
      const k = slots[at + 1]!;
      if (k === 0) break;
      if (k === key && slots[at] === hash && this.sameLetters(slots[at + 2]!, word, len)) {
        this.sums[field]! += this.wordSums[slot]!;
        this.counts[field]! += slots[at + 3]!;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.sum = 0;
    this.count = 0;
    this.featuriser.charNgrams(ns, len, field, this.collect);
    this.sums[field]! += this.sum;
    this.counts[field]! += this.count;
    if (this.words >= CACHE_MAX_WORDS || this.poolUsed + len > CACHE_POOL_CHARS) {
      this.clear();
      slot = hash & mask;
    }
    const at = slot << 2;
    slots[at] = hash;
    slots[at + 1] = key;
    slots[at + 2] = this.poolUsed;
    slots[at + 3] = this.count;
    this.wordSums[slot] = this.sum;
    this.pool.set(word.subarray(1, len + 1), this.poolUsed);
    this.poolUsed += len;
    this.words++;
  }

  private sameLetters(offset: number, word: Uint16Array, len: number): boolean {
    const pool = this.pool;
    for (let k = 0; k < len; k++) if (pool[offset + k] !== word[k + 1]) return false;
    return true;
  }

  private clear(): void {
    this.slots.fill(0);
    this.poolUsed = 0;
    this.words = 0;
  }
}

export class GenreScorer {
  readonly featuriser: Featuriser;
  private readonly index: Int32Array;
  private readonly sums: Float64Array;
  private readonly counts: Int32Array;
  private readonly emit: (field: number, bucket: number) => void;
  private readonly wordCache: WordNgramCache;

  constructor(
    readonly folded: FoldedModel,
    readonly config: FeatureConfig,
  ) {
    this.featuriser = new Featuriser(config);
    this.index = buildSeenIndex(folded.buckets, config.bucketBits);
    this.sums = new Float64Array(folded.numFields);
    this.counts = new Int32Array(folded.numFields);
    const index = this.index;
    const scores = folded.scores;
    const sums = this.sums;
    const counts = this.counts;
    this.emit = (field, bucket) => {
      const w = (bucket >>> 5) << 1;
      const bits = index[w]!;
      const bit = 1 << (bucket & 31);
      // Unseen buckets carry no evidence: skipping them keeps a field's mean over what the model knows.
      if ((bits & bit) === 0) return;
      sums[field]! += scores[index[w + 1]! + popcount(bits & (bit - 1))]!;
      counts[field]!++;
    };
    this.wordCache = new WordNgramCache(this.featuriser, index, scores, sums, counts);
  }

  /** Uncalibrated logit of Fiction. */
  logit(input: GenreInput): number {
    this.sums.fill(0);
    this.counts.fill(0);
    this.featuriser.visit(input, this.emit, this.wordCache);
    return this.sumUp();
  }

  /** Same, for features already hashed per field (cross-validation, evaluation). */
  logitOfBuckets(fields: readonly Int32Array[]): number {
    this.sums.fill(0);
    this.counts.fill(0);
    fields.forEach((f, i) => {
      for (const b of f) this.emit(i, b);
    });
    return this.sumUp();
  }

  private sumUp(): number {
    let z = this.folded.bias;
    for (let f = 0; f < this.counts.length; f++) if (this.counts[f]! > 0) z += this.sums[f]! / this.counts[f]!;
    return z;
  }
}
