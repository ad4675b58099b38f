import { LRUCache } from "lru-cache";

/**
 * Recent search answers, as Solr's queryResultCache keeps them: popular searches (the home page,
 * a facet value everyone clicks) are answered without running the engine again. Keys carry the
 * index revision, so a re-ingest, a prediction switch or a rollback never serves old results;
 * entries of older revisions simply age out. Bounded by bytes, not entries. Size 0 switches it off
 * (the bench measures both ways and reports them separately).
 */
export interface ResultCache<V> {
  get(revision: number | null, key: string): V | undefined;
  set(revision: number | null, key: string, value: V, bytes: number): void;
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
  const fullKey = (revision: number | null, key: string) => `${revision ?? "-"}\u0000${key}`;
  return {
    get(revision, key) {
      const v = lru.get(fullKey(revision, key));
      if (v === undefined) stats.misses++;
      else stats.hits++;
      return v;
    },
    set(revision, key, value, bytes) {
      // An answer bigger than the whole cache is not kept (lru-cache would refuse it anyway).
      if (bytes > 0 && bytes <= maxBytes) lru.set(fullKey(revision, key), value, { size: bytes });
    },
    stats,
  };
}
