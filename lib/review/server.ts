import "server-only";
import { createHash } from "node:crypto";
import { getServerEnv } from "@/lib/env";
import { TokenBucketLimiter } from "@/lib/http/rate-limit";
import { getJobServices } from "@/lib/jobs/server";
import { ReviewStore } from "@/lib/store/review";

/** The web server's review tables (same SQLite handle as the job services) and the flag limiter. */
const KEY = Symbol.for("glam-ml-facets.review");
type Holder = { [KEY]?: { review: ReviewStore; limiter: TokenBucketLimiter } };

function holder() {
  const h = globalThis as Holder;
  // Stricter than the general /api limit: a person flags a few books, a script flags thousands.
  h[KEY] ??= { review: new ReviewStore(getJobServices().store.db), limiter: new TokenBucketLimiter({ ratePerSecond: 20 / 3600, burst: 10 }) };
  return h[KEY];
}

export function getReviewStore(): ReviewStore {
  return holder().review;
}

export function getFlagLimiter(): TokenBucketLimiter {
  return holder().limiter;
}

/** Flags keep a salted hash of the address (enough to spot one source of many flags), never the address. */
export function hashClientAddress(address: string): string {
  const salt = getServerEnv().NEXTAUTH_SECRET ?? "glam-ml-facets-flags";
  return createHash("sha256").update(`${salt}\u0000${address}`).digest("hex").slice(0, 24);
}
