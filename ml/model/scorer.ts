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
 * therefore scores each title word's n-grams once and caches their sum and count by word,
 * with the word's own score, in one 64-byte slot of an open-addressing table found by the word
 * hash the featuriser computes anyway (the folded letters are compared, so a hash collision
 * cannot mix two words up). A word's n-gram scores are always added as one partial sum, cached
 * or not, so a record's logit does not depend on what was scored before it; it can differ from
 * `logitOfBuckets`, which adds bucket by bucket, in the last bits of the float sum.
 */
import { Featuriser, type CharNgramSink, type FeatureConfig, type GenreInput, type UnitRecord, type WordBatch } from "@/ml/features/featurise";
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
/** One slot is 16 int32 (64 bytes, a cache line): see WordNgramCache. */
const SLOT_INTS = 16;
/** Letters kept in the slot itself; longer words keep theirs in the pool. */
const INLINE_LETTERS = 16;
const CACHE_POOL_CHARS = 1 << 20;

/**
 * Per title word: everything the word adds to its field, so that a repeated word costs one
 * look-up: whether its own bucket was seen and that score, and the sum and count of its
 * character n-gram scores (seen buckets only). Open addressing by the word hash the featuriser
 * computed anyway; the folded letters are compared, so a hash collision cannot mix two words up.
 * A slot (int32 offsets): 0 hash, 1 length | namespace << 7 (0 = empty), 2 n-gram count,
 * 3 word bucket seen (0/1), 4 its score (float32), 5 pool offset (long words), 6-7 n-gram sum
 * (float64), 8-15 up to 16 letters (uint16): one cache line holds what a hit reads.
 */
class WordNgramCache implements CharNgramSink {
  private readonly ints: Int32Array;
  private readonly floats: Float32Array;
  private readonly doubles: Float64Array;
  private readonly letters: Uint16Array;
  private readonly pool = new Uint16Array(CACHE_POOL_CHARS);
  private poolUsed = 0;
  private cached = 0;
  private sum = 0;
  private count = 0;
  /** Where `words` leaves what it touched (kept, so that the loads are not optimised away). */
  touched = 0;
  private readonly mask: number;
  private readonly collect: (field: number, bucket: number) => void;

  constructor(
    private readonly featuriser: Featuriser,
    private readonly index: Int32Array,
    private readonly scores: Float32Array,
    private readonly sums: Float64Array,
    private readonly counts: Int32Array,
  ) {
    const buffer = new ArrayBuffer(CACHE_SLOTS * SLOT_INTS * 4);
    this.ints = new Int32Array(buffer);
    this.floats = new Float32Array(buffer);
    this.doubles = new Float64Array(buffer);
    this.letters = new Uint16Array(buffer);
    this.mask = featuriser.mask;
    this.collect = (_field, bucket) => {
      const w = (bucket >>> 5) << 1;
      const bits = index[w]!;
      const bit = 1 << (bucket & 31);
      if ((bits & bit) === 0) return;
      this.sum += scores[index[w + 1]! + popcount(bits & (bit - 1))]!;
      this.count++;
    };
  }

  /** Score rank of a bucket, or -1 when training never saw it. */
  private rank(bucket: number): number {
    const index = this.index;
    const w = (bucket >>> 5) << 1;
    const bits = index[w]!;
    const bit = 1 << (bucket & 31);
    return (bits & bit) === 0 ? -1 : index[w + 1]! + popcount(bits & (bit - 1));
  }

  /**
   * First touches every word's slot and the seen-index word of every bigram, then the scores
   * of the seen bigrams: loads that do not depend on each other, so that their cache misses
   * overlap instead of coming one after another (most of the time per record went waiting on
   * them). Then adds each word's features in order.
   */
  words(field: number, ns: number, count: number, batch: WordBatch): void {
    const { hashes, bigrams } = batch;
    const ints = this.ints;
    const index = this.index;
    const mask = CACHE_SLOTS - 1;
    let touched = 0;
    for (let w = 0; w < count; w++) {
      touched ^= ints[(hashes[w]! & mask) * SLOT_INTS + 1]!;
      const b = bigrams[w]!;
      if (b >= 0) touched ^= index[(b >>> 5) << 1]!;
    }
    for (let w = 0; w < count; w++) {
      const b = bigrams[w]!;
      if (b < 0) continue;
      const r = this.rank(b);
      if (r >= 0) touched ^= this.scores[r]!;
    }
    this.touched = touched;
    for (let w = 0; w < count; w++) this.word(field, ns, batch, w);
  }

  private word(field: number, ns: number, batch: WordBatch, w: number): void {
    const ints = this.ints;
    const mask = CACHE_SLOTS - 1;
    const hash = batch.hashes[w]!;
    const len = batch.lens[w]!;
    const start = batch.starts[w]!;
    const bigramBucket = batch.bigrams[w]!;
    const key = len | (ns << 7);
    let slot = hash & mask;
    for (;;) {
      const at = slot * SLOT_INTS;
      const k = ints[at + 1]!;
      if (k === 0) break;
      if (k === key && ints[at] === hash && this.sameLetters(at, batch.letters, start, len)) {
        // The same additions, in the same order, as on a miss below.
        if (ints[at + 3] === 1) {
          this.sums[field]! += this.floats[at + 4]!;
          this.counts[field]!++;
        }
        if (bigramBucket >= 0) this.add(field, bigramBucket);
        this.sums[field]! += this.doubles[(at >>> 1) + 3]!;
        this.counts[field]! += ints[at + 2]!;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const own = this.rank((hash >>> 0) & this.mask);
    if (own >= 0) {
      this.sums[field]! += this.scores[own]!;
      this.counts[field]!++;
    }
    if (bigramBucket >= 0) this.add(field, bigramBucket);
    this.sum = 0;
    this.count = 0;
    this.featuriser.charNgramsOf(ns, batch.letters, start, len, field, this.collect);
    this.sums[field]! += this.sum;
    this.counts[field]! += this.count;
    const long = len > INLINE_LETTERS;
    if (this.cached >= CACHE_MAX_WORDS || (long && this.poolUsed + len > CACHE_POOL_CHARS)) {
      this.clear();
      slot = hash & mask;
    }
    const at = slot * SLOT_INTS;
    const letters = batch.letters.subarray(start, start + len);
    ints[at] = hash;
    ints[at + 1] = key;
    ints[at + 2] = this.count;
    ints[at + 3] = own >= 0 ? 1 : 0;
    this.floats[at + 4] = own >= 0 ? this.scores[own]! : 0;
    this.doubles[(at >>> 1) + 3] = this.sum;
    if (long) {
      ints[at + 5] = this.poolUsed;
      this.pool.set(letters, this.poolUsed);
      this.poolUsed += len;
    } else {
      this.letters.set(letters, (at + 8) * 2);
    }
    this.cached++;
  }

  private add(field: number, bucket: number): void {
    const r = this.rank(bucket);
    if (r < 0) return;
    this.sums[field]! += this.scores[r]!;
    this.counts[field]!++;
  }

  private sameLetters(at: number, word: Uint16Array, start: number, len: number): boolean {
    let from: number;
    let letters: Uint16Array;
    if (len > INLINE_LETTERS) {
      letters = this.pool;
      from = this.ints[at + 5]!;
    } else {
      letters = this.letters;
      from = (at + 8) * 2;
    }
    for (let k = 0; k < len; k++) if (letters[from + k] !== word[start + k]) return false;
    return true;
  }

  private clear(): void {
    this.ints.fill(0);
    this.poolUsed = 0;
    this.cached = 0;
  }
}

export class GenreScorer {
  readonly featuriser: Featuriser;
  private readonly index: Int32Array;
  private readonly sums: Float64Array;
  private readonly counts: Int32Array;
  private readonly emit: (field: number, bucket: number) => void;
  private readonly wordCache: WordNgramCache;
  /** The record's other features, in emission order, scored after `visit` (see `scorePending`). */
  private readonly push: (field: number, bucket: number) => void;
  private pendingFields = new Int32Array(256);
  private pendingBuckets = new Int32Array(256);
  private pending = 0;
  /** Where `scorePending` leaves what it touched (kept, so that the loads are not optimised away). */
  touched = 0;

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
    this.push = (field, bucket) => {
      if (this.pending === this.pendingBuckets.length) this.growPending();
      this.pendingFields[this.pending] = field;
      this.pendingBuckets[this.pending++] = bucket;
    };
  }

  private growPending(): void {
    const fields = new Int32Array(this.pendingFields.length * 2);
    const buckets = new Int32Array(this.pendingBuckets.length * 2);
    fields.set(this.pendingFields);
    buckets.set(this.pendingBuckets);
    this.pendingFields = fields;
    this.pendingBuckets = buckets;
  }

  /** Uncalibrated logit of Fiction. */
  logit(input: GenreInput): number {
    this.reset();
    this.featuriser.visit(input, this.push, this.wordCache);
    this.scorePending();
    return this.sumUp();
  }

  /** The same for a record in code units (the CSV prediction path). */
  logitOfUnits(record: UnitRecord): number {
    this.reset();
    this.featuriser.visitUnits(record, this.push, this.wordCache);
    this.scorePending();
    return this.sumUp();
  }

  private reset(): void {
    this.sums.fill(0);
    this.counts.fill(0);
    this.pending = 0;
  }

  /**
   * The features `visit` emitted (all but the title's words, which the word cache takes), added
   * in emission order as `emit` would, after first touching their seen-index words and then
   * their scores: loads that do not depend on each other, so that their cache misses overlap.
   */
  private scorePending(): void {
    const n = this.pending;
    const fields = this.pendingFields;
    const buckets = this.pendingBuckets;
    const index = this.index;
    const scores = this.folded.scores;
    let touched = 0;
    for (let i = 0; i < n; i++) touched ^= index[(buckets[i]! >>> 5) << 1]!;
    for (let i = 0; i < n; i++) {
      const bucket = buckets[i]!;
      const w = (bucket >>> 5) << 1;
      const bits = index[w]!;
      const bit = 1 << (bucket & 31);
      // Unseen buckets carry no evidence: -1, skipped below.
      const rank = (bits & bit) === 0 ? -1 : index[w + 1]! + popcount(bits & (bit - 1));
      buckets[i] = rank;
      if (rank >= 0) touched ^= scores[rank]!;
    }
    this.touched = touched;
    const sums = this.sums;
    const counts = this.counts;
    for (let i = 0; i < n; i++) {
      const rank = buckets[i]!;
      if (rank < 0) continue;
      const field = fields[i]!;
      sums[field]! += scores[rank]!;
      counts[field]!++;
    }
  }

  /** Same, for features already hashed per field (cross-validation, evaluation). */
  logitOfBuckets(fields: readonly Int32Array[]): number {
    this.reset();
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
