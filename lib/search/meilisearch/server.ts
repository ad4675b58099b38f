import "server-only";
import { Meilisearch } from "meilisearch";
import { getServerEnv } from "@/lib/env";
import { SearchUnavailableError } from "@/lib/search/errors";
import { MeilisearchSearchEngine } from "@/lib/search/meilisearch/engine";

/**
 * The only place that reads MEILI_API_KEY: the key never leaves the server (the browser talks to
 * our /api routes only).
 */
export async function createMeilisearchEngine(): Promise<MeilisearchSearchEngine> {
  const env = getServerEnv();
  if (!env.MEILI_URL) throw new SearchUnavailableError("MEILI_URL is not set");
  const client = new Meilisearch({ host: env.MEILI_URL, apiKey: env.MEILI_API_KEY });
  try {
    await client.health();
  } catch (cause) {
    throw new SearchUnavailableError(`Meilisearch at ${env.MEILI_URL} is unreachable`, { cause });
  }
  return new MeilisearchSearchEngine(client, env.MEILI_INDEX);
}
