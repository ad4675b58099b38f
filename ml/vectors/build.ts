/** Builds the collection's book vectors (see embed.ts) and their int8 file. */
import type { BookRecord } from "@/lib/records/types";
import { buildDocumentFrequencies, buildEmbedder, DEFAULT_EMBED_CONFIG, toEmbedText, type EmbedConfig } from "./embed";
import { quantise, type VectorSet } from "./vector-file";

/** `meta` joins the file header (e.g. the records digest that tells `npm start` whether the file is stale). */
export function buildBookVectors(records: readonly BookRecord[], config: EmbedConfig = DEFAULT_EMBED_CONFIG, onProgress?: (done: number) => void, meta: Record<string, unknown> = {}): VectorSet {
  const texts = records.map((r) => toEmbedText(r));
  const { df, n } = buildDocumentFrequencies(texts, config.bucketBits);
  const embed = buildEmbedder(config, df, n);
  const vectors = texts.map((t, i) => {
    if (i % 2000 === 0) onProgress?.(i);
    return embed(t);
  });
  onProgress?.(texts.length);
  const { scales, data } = quantise(vectors, config.dims);
  return { dims: config.dims, ids: records.map((r) => r.id), scales, data, meta: { kind: "tfidf-hashed-random-projection", config, books: records.length, createdAt: new Date().toISOString(), ...meta } };
}
