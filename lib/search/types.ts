/**
 * The search engine contract shared by the embedded engine and the Meilisearch adapter.
 * Components and routes only ever see these shapes, never an engine SDK's types.
 */

/** What is indexed for one record: a projection of the store (record + live predictions). */
export interface SearchDoc {
  id: string;
  title: string;
  /** Main name and all names, for full-text search and display. */
  names: string[];
  places: string[];
  countries: string[];
  publisher: string | null;
  year: number | null;
  /** e.g. "1870s"; null when the year is unknown. */
  decade: string | null;
  date_raw: string | null;
  /** Live language value(s): catalogue where present, else predicted. */
  language: string[];
  language_source: "catalogue" | "predicted" | null;
  language_confidence: number | null;
  language_model: string | null;
  /** Live predicted genre ("Fiction" | "Non-fiction"), its calibrated confidence and model version. */
  genre: string | null;
  genre_confidence: number | null;
  genre_model: string | null;
  catalogue_genre: string | null;
  shelfmark: string | null;
  link: string | null;
  /**
   * Further machine facets follow the same naming: `<facet>`, `<facet>_confidence`, `<facet>_model`
   * (see lib/facets/table.ts), so a new generator needs no change here.
   */
  [extra: string]: unknown;
}

export type SortKey = "relevance" | "year_asc" | "year_desc" | "title" | "genre_confidence";

export interface SearchQuery {
  q: string;
  /** 1-based. */
  page: number;
  perPage: number;
  sort: SortKey;
  yearFrom: number | null;
  yearTo: number | null;
  /** Facet name -> selected values. OR within a facet, AND across facets. */
  filters: Record<string, string[]>;
  /**
   * Applies to machine-generated values only: a filter on a machine facet matches a record only
   * if its prediction has at least this confidence; in counts, predictions below it are counted
   * under the value "uncertain" (which can itself be filtered). null = any confidence.
   */
  minConfidence: number | null;
  /**
   * Most values returned per list facet (count-ordered facets are cut to their top values;
   * value-ordered facets such as the decade histogram always return every value).
   * Optional for backward compatibility: engines use DEFAULT_FACET_LIMIT when it is absent.
   */
  facetLimit?: number;
  /**
   * Open-facet picks on the search page (issue 9): the results are re-ranked, or filtered at
   * `min`, by a classifier trained on them. Only the search page reads it (`pos`, `neg`,
   * `of_mode`, `of_min` in its URL); the engines and the JSON API do not.
   */
  openFacet?: OpenFacetQuery;
}

export interface OpenFacetQuery {
  /** "More like this" record ids, in the order picked. */
  pos: string[];
  /** "Not this" record ids. */
  neg: string[];
  mode: "rank" | "filter";
  /** Probability a book needs in "filter" mode. */
  min: number;
}

/** Values per count-ordered facet when the query does not say (`facet_limit` in the API). */
export const DEFAULT_FACET_LIMIT = 50;

export interface FacetCount {
  value: string;
  count: number;
}

export interface FacetResult {
  /** Values with counts, ordered by the facet table's order (count desc, or value asc). */
  values: FacetCount[];
  /** Records (among those matching the other facets' filters) that have no value for this facet. */
  missing: number;
  /** Number of distinct values (so the UI can offer "more"). */
  distinct: number;
}

/** A text fragment of a highlighted field; `match` marks the parts that matched the query. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  doc: SearchDoc;
  /** Highlighted title (and other fields when they matched). */
  highlight: Partial<Record<"title" | "names" | "publisher" | "places", HighlightPart[]>>;
}

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  hits: SearchHit[];
  facets: Record<string, FacetResult>;
  /** Engine time in ms, for the UI and benchmarks. */
  tookMs: number;
}

export interface SearchEngine {
  readonly kind: "embedded" | "meilisearch";
  /** Number of records the live index serves. */
  count(): Promise<number>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Values of one facet containing `text`, with counts under the query's other filters. */
  searchFacetValues(query: SearchQuery, facet: string, text: string, limit: number): Promise<FacetCount[]>;
  /** Replace the whole index with these documents, atomically for readers (build aside, then swap). */
  replaceAll(docs: AsyncIterable<SearchDoc> | Iterable<SearchDoc>): Promise<void>;
  getDoc(id: string): Promise<SearchDoc | null>;
  /** Every matching document in the query's sort order (ignores page/perPage), up to `cap`; for export. */
  scan(query: SearchQuery, cap: number): AsyncIterable<SearchDoc>;
}
