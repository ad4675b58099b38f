/**
 * A per-client token bucket kept in memory: each client address may make `burst` requests at once
 * and `ratePerSecond` after that. In-memory is enough for one server process (the deployment this
 * project ships); several processes behind a balancer each apply the limit to what they see.
 */
export interface RateLimitConfig {
  ratePerSecond: number;
  burst: number;
  /** Clients tracked at most; beyond it idle (full) buckets are dropped, then the oldest. */
  maxClients?: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  at: number;
}

const DEFAULT_MAX_CLIENTS = 50_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(
    private readonly config: RateLimitConfig,
    /** Milliseconds, monotonic; injectable so tests do not sleep. */
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(config.ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be above 0 (got ${config.ratePerSecond})`);
    if (!(config.burst >= 1)) throw new RangeError(`burst must be at least 1 (got ${config.burst})`);
    this.maxClients = config.maxClients ?? DEFAULT_MAX_CLIENTS;
  }

  take(client: string): RateDecision {
    const t = this.now();
    const { ratePerSecond, burst } = this.config;
    let bucket = this.buckets.get(client);
    if (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * ratePerSecond);
      bucket.at = t;
      // Re-insert so Map order stays least-recently-used first (what eviction drops).
      this.buckets.delete(client);
      this.buckets.set(client, bucket);
    } else {
      bucket = { tokens: burst, at: t };
      this.buckets.set(client, bucket);
      if (this.buckets.size > this.maxClients) this.evict(t);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private evict(t: number): void {
    const { ratePerSecond, burst } = this.config;
    // A bucket that has refilled is the same as no bucket: dropping it changes no decision.
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((t - b.at) / 1000) * ratePerSecond >= burst) this.buckets.delete(key);
    }
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (oldest.done) break;
      this.buckets.delete(oldest.value);
    }
  }
}

/** 127.0.0.0/8 and ::1, also in their IPv4-mapped IPv6 form. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^::ffff:/, "");
  return a === "::1" || a === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}
