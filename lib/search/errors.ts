const BRAND = Symbol.for("glam-ml-facets.SearchUnavailableError");

/** The search engine cannot serve (index still building, store unreadable, Meilisearch unreachable); routes answer 503. */
export class SearchUnavailableError extends Error {
  override name = "SearchUnavailableError";
  readonly [BRAND] = true;

  /**
   * The bundler may give a dynamically imported chunk (the Meilisearch adapter) its own copy of
   * this class, so `instanceof` by prototype alone failed and an outage answered 500. A
   * process-wide brand makes `instanceof SearchUnavailableError` hold for every copy; subclasses
   * keep the ordinary prototype check.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== SearchUnavailableError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
