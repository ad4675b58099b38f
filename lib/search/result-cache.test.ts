import { describe, expect, it } from "vitest";
import { buildResultCache } from "@/lib/search/result-cache";

describe("buildResultCache", () => {
  it("answers a repeated key of the same revision and counts hits and misses", () => {
    const cache = buildResultCache<string>(1000);
    expect(cache.get(1, "q=a")).toBeUndefined();
    cache.set(1, "q=a", "answer", 12);
    expect(cache.get(1, "q=a")).toBe("answer");
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
  });

  it("never serves an answer across index revisions", () => {
    const cache = buildResultCache<string>(1000);
    cache.set(1, "q=a", "old index", 18);
    expect(cache.get(2, "q=a")).toBeUndefined();
    expect(cache.get(null, "q=a")).toBeUndefined();
  });

  it("evicts the least recently used answers to stay within its byte budget", () => {
    const cache = buildResultCache<string>(100);
    cache.set(1, "a", "A", 40);
    cache.set(1, "b", "B", 40);
    expect(cache.get(1, "a")).toBe("A"); // a is now the most recent
    cache.set(1, "c", "C", 40); // 120 > 100: b goes
    expect(cache.get(1, "b")).toBeUndefined();
    expect(cache.get(1, "a")).toBe("A");
    expect(cache.get(1, "c")).toBe("C");
  });

  it("keeps nothing bigger than the whole budget, and nothing at all when switched off", () => {
    const small = buildResultCache<string>(10);
    small.set(1, "big", "x", 11);
    expect(small.get(1, "big")).toBeUndefined();
    const off = buildResultCache<string>(0);
    off.set(1, "a", "A", 2);
    expect(off.get(1, "a")).toBeUndefined();
  });
});
