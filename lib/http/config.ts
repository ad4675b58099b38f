import { z } from "zod";

/**
 * Limits applied to every HTTP request (see proxy.ts and docs/robustness.md). Read from the
 * environment once; a wrong value fails with a message naming the variable.
 */
const httpLimitsSchema = z.object({
  /** Sustained requests per second per client address on /api/*; 0 switches the limit off. */
  API_RATE_LIMIT_RPS: z.coerce.number().min(0).max(1_000_000).default(50),
  /** Requests a client may make at once before the sustained rate applies. */
  API_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(200),
  /** Largest request body accepted by /api/* (bytes). */
  API_MAX_BODY_BYTES: z.coerce.number().int().min(0).max(100 * 1024 * 1024).default(64 * 1024),
  /** Time a search route gives the engine before answering 503 (ms). */
  SEARCH_BUDGET_MS: z.coerce.number().int().min(10).max(120_000).default(5_000),
  /** Memory for recent /api/search answers (lib/search/result-cache.ts), MiB; 0 switches the cache off. */
  SEARCH_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  /** "1" while `npm run bench` drives the server: loopback clients are then not rate limited. */
  BENCH: z.enum(["0", "1"]).default("0"),
});

export type HttpLimits = z.infer<typeof httpLimitsSchema>;

export class HttpConfigError extends Error {
  override name = "HttpConfigError";
}

export function parseHttpLimits(source: Record<string, string | undefined>): HttpLimits {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = httpLimitsSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new HttpConfigError(`Invalid HTTP limit configuration:\n${lines.join("\n")}`, { cause: result.error });
  }
  return result.data;
}

let cached: HttpLimits | undefined;

export function getHttpLimits(): HttpLimits {
  cached ??= parseHttpLimits(process.env);
  return cached;
}
