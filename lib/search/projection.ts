import { getFacetTable } from "@/lib/facets/live-table";
import { type FacetDef } from "@/lib/facets/table";
import { getLivePredictions, toMachineFacetFields, type LiveByGenerator } from "@/lib/facets/project";
import { toDecadeLabel } from "@/lib/records/normalise";
import type { BookRecord } from "@/lib/records/types";
import type { SearchDoc } from "@/lib/search/types";
import type { Store } from "@/lib/store/types";

/**
 * The search document of a record: catalogue fields plus every machine facet's live value, filled
 * by the facet table (lib/facets/project.ts: catalogue language wins over a prediction, with
 * `language_source` saying which), so a new generator needs no change here.
 */
export function toSearchDoc(record: BookRecord, live: LiveByGenerator, table: readonly FacetDef[] = getFacetTable()): SearchDoc {
  const names = [...new Set([record.name, ...record.allNames].filter((n): n is string => n !== null && n !== ""))];
  return {
    id: record.id,
    title: record.title,
    names,
    places: record.places,
    countries: record.countries,
    publisher: record.publisher,
    year: record.year,
    decade: toDecadeLabel(record.year),
    date_raw: record.dateRaw,
    language: [],
    language_source: null,
    language_confidence: null,
    language_model: null,
    genre: null,
    genre_confidence: null,
    genre_model: null,
    catalogue_genre: record.catalogueGenre,
    shelfmark: record.shelfmark,
    link: record.link,
    ...toMachineFacetFields(record, live, table),
  };
}

/**
 * Every record of the store as a search document, with each generator's current predictions.
 * Reads the store in separate calls (predictions, then records): if a version switches in between,
 * the store's revision has moved too and the server's next poll rebuilds.
 */
export function* toSearchDocs(store: Store, table: readonly FacetDef[] = getFacetTable()): Generator<SearchDoc> {
  const live = getLivePredictions(store, table);
  for (const record of store.iterateRecords()) yield toSearchDoc(record, live, table);
}
