import { randomBytes } from "node:crypto";
import { Meilisearch } from "meilisearch";
import { MeilisearchSearchEngine } from "@/lib/search/meilisearch/engine";
import type { SearchDoc } from "@/lib/search/types";

/** For the contract suite: a fresh, uniquely named index loaded with `docs`; `dispose()` deletes it. */
export async function createContractMeiliEngine(url: string, apiKey: string | undefined, docs: readonly SearchDoc[]): Promise<MeilisearchSearchEngine> {
  const client = new Meilisearch({ host: url, apiKey });
  const engine = new MeilisearchSearchEngine(client, `contract_${randomBytes(4).toString("hex")}`);
  await engine.replaceAll(docs);
  return engine;
}
