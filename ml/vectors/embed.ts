/**
 * Book vectors for open facets (issue 9): TF-IDF over hashed title word 1-2-grams, character
 * 3-5-grams and catalogue tokens (names, places, publisher, decade, shelfmark class), learnt on
 * the collection itself (document frequencies), then a sparse random projection to `dims`
 * dimensions (each hash bucket adds +-1 to `spread` dimensions), L2-normalised.
 * Nothing is fetched; it is fast (seconds for the collection) and keeps word identity, which is
 * what a linear classifier trained on a few picks needs to generalise from titles.
 */
import { toBaselineText } from "@/ml/evaluate/baseline-tfidf";
import { foldText } from "@/ml/features/char-fold";
import { combine, finalise, fnvStep, FNV_OFFSET } from "@/ml/features/hash";
import type { GenreInput } from "@/ml/features/featurise";

export interface EmbedConfig {
  dims: number;
  bucketBits: number;
  /** Dimensions each bucket touches (sparse random projection). */
  spread: number;
  seed: number;
}

export const DEFAULT_EMBED_CONFIG: EmbedConfig = { dims: 256, bucketBits: 20, spread: 4, seed: 9 };

/** Hashed features of one text, as bucket -> count, in two blocks (words, chars) weighted equally. */
export function toHashedFeatures(text: string, bucketBits: number): { words: Map<number, number>; chars: Map<number, number> } {
  const mask = (1 << bucketBits) - 1;
  const folded = foldText(text);
  const tokens = folded.split(" ").filter((t) => t.length > 0);
  const words = new Map<number, number>();
  const chars = new Map<number, number>();
  const add = (m: Map<number, number>, h: number) => m.set(h & mask, (m.get(h & mask) ?? 0) + 1);
  const tokenHashes = tokens.map((t) => {
    let h = FNV_OFFSET;
    for (let i = 0; i < t.length; i++) h = fnvStep(h, t.charCodeAt(i));
    return finalise(h);
  });
  for (let i = 0; i < tokenHashes.length; i++) {
    add(words, tokenHashes[i]!);
    if (i + 1 < tokenHashes.length) add(words, combine(tokenHashes[i]!, tokenHashes[i + 1]!));
  }
  for (const t of tokens) {
    const padded = ` ${t} `;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        let h = FNV_OFFSET ^ n;
        for (let k = i; k < i + n; k++) h = fnvStep(h, padded.charCodeAt(k));
        add(chars, finalise(h) ^ 0x5bd1e995);
      }
    }
  }
  return { words, chars };
}

export function toEmbedText(record: GenreInput): string {
  return toBaselineText(record, false);
}

/** Document frequency per bucket over the collection. */
export function buildDocumentFrequencies(texts: Iterable<string>, bucketBits: number): { df: Uint32Array; n: number } {
  const df = new Uint32Array(1 << bucketBits);
  let n = 0;
  for (const text of texts) {
    n++;
    const { words, chars } = toHashedFeatures(text, bucketBits);
    for (const b of words.keys()) df[b]!++;
    for (const b of chars.keys()) df[b]!++;
  }
  return { df, n };
}

export function buildEmbedder(config: EmbedConfig, df: Uint32Array, n: number): (text: string) => Float32Array {
  const idf = new Float32Array(df.length);
  for (let b = 0; b < df.length; b++) idf[b] = Math.log((1 + n) / (1 + df[b]!)) + 1;
  return (text) => {
    const out = new Float32Array(config.dims);
    const { words, chars } = toHashedFeatures(text, config.bucketBits);
    for (const block of [words, chars]) {
      let norm = 0;
      for (const [b, c] of block) norm += (c * idf[b]!) ** 2;
      if (norm === 0) continue;
      const scale = 1 / Math.sqrt(norm);
      for (const [b, c] of block) {
        const w = c * idf[b]! * scale;
        let h = finalise(b ^ Math.imul(config.seed, 0x9e3779b1));
        for (let s = 0; s < config.spread; s++) {
          h = finalise(h + s);
          out[h % config.dims]! += h & 0x80000000 ? w : -w;
        }
      }
    }
    let norm = 0;
    for (let d = 0; d < out.length; d++) norm += out[d]! * out[d]!;
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let d = 0; d < out.length; d++) out[d]! *= inv;
    }
    return out;
  };
}
