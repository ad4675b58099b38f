import { getHttpLimits } from "@/lib/http/config";
import { SearchUnavailableError } from "@/lib/search/errors";

/**
 * The time a search route gives the engine (index still building, Meilisearch slow to answer)
 * before it answers 503 with a message instead of holding the client. The work itself is not
 * cancelled: the embedded engine answers synchronously once it runs, and the Meilisearch client
 * has its own request timeout; what the budget bounds is how long a client waits.
 */
export class SearchTimeoutError extends SearchUnavailableError {
  override name = "SearchTimeoutError";
  constructor(readonly budgetMs: number) {
    super(`the search took longer than its ${budgetMs} ms budget; try again in a moment`);
  }
}

export async function withinSearchBudget<T>(work: () => Promise<T>, budgetMs: number = getHttpLimits().SEARCH_BUDGET_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchTimeoutError(budgetMs)), budgetMs);
  });
  const running = work();
  // The losing promise must not surface as an unhandled rejection later.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
