/** The search engine cannot serve (index still building, store unreadable, Meilisearch unreachable); routes answer 503. */
export class SearchUnavailableError extends Error {
  override name = "SearchUnavailableError";
}
