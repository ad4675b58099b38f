import { LRUCache } from "lru-cache";

/**
 * Recent search answers, as Solr's queryResultCache keeps them: popular searches (the home page,
 * a facet value everyone clicks) are answered without running the engine again. Keys carry the
 * index generation (store revision and build time), so a re-ingest, a prediction switch or a rollback never serves old results;
 * entries of older revisions simply age out. Bounded by bytes, not entries. Size 0 switches it off
 * (the bench measures both ways and reports them separately).
 */
/** Which index answered: anything that changes when the index is rebuilt. */
export type Generation = string | number | null;

export interface ResultCache<V> {
  get(generation: Generation, key: string): V | undefined;
  set(generation: Generation, key: string, value: V, bytes: number): void;
  readonly stats: { hits: number; misses: number };
}

export function buildResultCache<V extends {}>(maxBytes: number): ResultCache<V> {
  const stats = { hits: 0, misses: 0 };
  if (maxBytes <= 0) {
    return {
      get: () => {
        stats.misses++;
        return undefined;
      },
      set: () => undefined,
      stats,
    };
  }
  const lru = new LRUCache<string, V>({ maxSize: maxBytes });
  const fullKey = (generation: Generation, key: string) => `${generation ?? "-"}\u0000${key}`;
  return {
    get(generation, key) {
      const v = lru.get(fullKey(generation, key));
      if (v === undefined) stats.misses++;
      else stats.hits++;
      return v;
    },
    set(generation, key, value, bytes) {
      // An answer bigger than the whole cache is not kept (lru-cache would refuse it anyway).
      if (bytes > 0 && bytes <= maxBytes) lru.set(fullKey(generation, key), value, { size: bytes });
    },
    stats,
  };
}
