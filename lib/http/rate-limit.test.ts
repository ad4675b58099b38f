import { describe, expect, it } from "vitest";
import { isLoopbackAddress, TokenBucketLimiter } from "./rate-limit";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("TokenBucketLimiter", () => {
  it("allows a burst, then the sustained rate, and says when to retry", () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 2, burst: 3 }, c.now);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a");
    expect(refused).toEqual({ allowed: false, retryAfterS: 1 });
    c.advance(500); // one token back at 2/s
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    c.advance(10_000); // refills to the burst, not beyond
    expect([1, 2, 3, 4].map(() => limiter.take("a").allowed)).toEqual([true, true, true, false]);
  });

  it("keeps clients apart", () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 1 }, c.now);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("answers a retry time that grows as the rate falls", () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 0.1, burst: 1 }, c.now);
    limiter.take("a");
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterS: 10 });
  });

  it("bounds its memory: refilled buckets go first, then the least recently seen", () => {
    const c = clock();
    const limiter = new TokenBucketLimiter({ ratePerSecond: 1, burst: 2, maxClients: 3 }, c.now);
    for (const k of ["a", "b", "c"]) limiter.take(k);
    limiter.take("a");
    limiter.take("a"); // a is empty and most recently seen
    limiter.take("d"); // over the cap: b or c is dropped, never a
    expect(limiter.size).toBeLessThanOrEqual(3);
    expect(limiter.take("a").allowed).toBe(false);
    c.advance(5_000);
    for (const k of ["e", "f", "g", "h"]) limiter.take(k);
    expect(limiter.size).toBeLessThanOrEqual(3);
  });

  it("refuses a nonsensical configuration", () => {
    expect(() => new TokenBucketLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(/ratePerSecond/);
    expect(() => new TokenBucketLimiter({ ratePerSecond: 1, burst: 0 })).toThrow(/burst/);
  });
});

describe("isLoopbackAddress", () => {
  it("recognises loopback in every spelling and nothing else", () => {
    for (const a of ["127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ["10.0.0.1", "128.0.0.1", "::2", "unknown", "127.0.0.1.example.com", ""]) expect(isLoopbackAddress(a)).toBe(false);
  });
});
