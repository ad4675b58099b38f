import { describe, expect, it } from "vitest";
import { buildRandom } from "@/ml/data/random";
import { Featuriser, buildFeatureConfig, type GenreInput } from "@/ml/features/featurise";
import type { FoldedModel } from "./fasttext";
import { GenreScorer, buildSeenIndex } from "./scorer";

const config = buildFeatureConfig(false);
const RECORDS: GenreInput[] = [
  { title: "The Heiress of Glenmore. A novel", name: "Smith, Jane", places: ["London"], publisher: "Hurst & Blackett", dateRaw: "1868", shelfmark: "British Library HMNTS 12640.a.9." },
  { title: "A History of the County of Durham", dateRaw: "[1857?]", shelfmark: "Digital Store 10352.c.3" },
  { title: "Geschichte der Stadt Nürnberg", places: ["Nürnberg"] },
  { title: "История Москвы" },
  { title: "Poems. Poems. Poems, by a Poet", edition: "Second edition" },
];

/** A folded model whose buckets are those of the records (every other one seen), with seeded scores. */
function buildModel(): FoldedModel {
  const featuriser = new Featuriser(config);
  const seen = new Set<number>();
  for (const r of RECORDS) featuriser.visit(r, (_f, b) => seen.add(b));
  const buckets = Int32Array.from([...seen].filter((_, i) => i % 2 === 0)).sort();
  const random = buildRandom(5);
  return { numFields: config.fields.length, bias: -0.3, buckets, scores: Float32Array.from(buckets, () => random() * 4 - 2) };
}

/** The definition: per field, the mean score of the emitted buckets that were seen in training. */
function naiveLogit(model: FoldedModel, input: GenreInput): number {
  const score = new Map<number, number>();
  model.buckets.forEach((b, i) => score.set(b, model.scores[i]!));
  const sums = new Array<number>(model.numFields).fill(0);
  const counts = new Array<number>(model.numFields).fill(0);
  new Featuriser(config).visit(input, (f, b) => {
    const s = score.get(b);
    if (s !== undefined) {
      sums[f]! += s;
      counts[f]!++;
    }
  });
  return sums.reduce((z, s, f) => (counts[f]! > 0 ? z + s / counts[f]! : z), model.bias);
}

describe("GenreScorer", () => {
  const model = buildModel();

  it("gives the logit of the definition (compact table, cached word n-grams)", () => {
    const scorer = new GenreScorer(model, config);
    for (const r of RECORDS) expect(scorer.logit(r)).toBeCloseTo(naiveLogit(model, r), 10);
  });

  it("does not depend on what was scored before (the word cache)", () => {
    const a = new GenreScorer(model, config);
    const b = new GenreScorer(model, config);
    const forward = RECORDS.map((r) => a.logit(r));
    const backward = [...RECORDS].reverse().map((r) => b.logit(r)).reverse();
    expect(backward).toEqual(forward);
    expect(RECORDS.map((r) => a.logit(r))).toEqual(forward);
  });

  it("scores long words (letters kept outside the slot) and a vocabulary larger than the cache as the definition", () => {
    const random = buildRandom(9);
    const letters = "abcdefghijklmnopqrstuvwxyzäöüéèçñ";
    const word = (n: number) => Array.from({ length: n }, () => letters[Math.floor(random() * letters.length)]).join("");
    const vocabulary = Array.from({ length: 70_000 }, (_, i) => word(i % 50 === 0 ? 17 + (i % 30) : 2 + (i % 9)));
    const records: GenreInput[] = Array.from({ length: 45_000 }, (_, i) => ({ title: `${vocabulary[(i * 7) % vocabulary.length]} ${vocabulary[(i * 13 + 5) % vocabulary.length]} ${vocabulary[i % 40]} The Heiress` }));
    const a = new GenreScorer(model, config);
    const b = new GenreScorer(model, config);
    const forward = records.map((r) => a.logit(r));
    const backward = [...records].reverse().map((r) => b.logit(r)).reverse();
    expect(backward).toEqual(forward);
    for (let i = 0; i < records.length; i += 997) expect(forward[i]).toBeCloseTo(naiveLogit(model, records[i]!), 10);
  });

  it("agrees with scoring pre-hashed buckets", () => {
    const scorer = new GenreScorer(model, config);
    const featuriser = new Featuriser(config);
    for (const r of RECORDS) expect(scorer.logitOfBuckets(featuriser.toBuckets(r))).toBeCloseTo(scorer.logit(r), 10);
  });
});

describe("buildSeenIndex", () => {
  it("marks seen buckets and ranks them in bucket order", () => {
    const index = buildSeenIndex(Int32Array.from([0, 31, 32, 95]), 8);
    expect(index.length).toBe(16);
    expect([index[0], index[1]]).toEqual([(1 | (1 << 31)) | 0, 0]);
    expect([index[2], index[3]]).toEqual([1, 2]);
    expect([index[4], index[5]]).toEqual([1 << 31, 3]);
    expect([index[6], index[7]]).toEqual([0, 4]);
  });

  it("refuses unsorted, repeated or out-of-range buckets", () => {
    expect(() => buildSeenIndex(Int32Array.from([3, 2]), 8)).toThrow(/unique, sorted/);
    expect(() => buildSeenIndex(Int32Array.from([2, 2]), 8)).toThrow(/unique, sorted/);
    expect(() => buildSeenIndex(Int32Array.from([256]), 8)).toThrow(/below 2\^8/);
  });
});
