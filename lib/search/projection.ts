import { FACETS, type FacetDef } from "@/lib/facets/table";
import { toDecadeLabel } from "@/lib/records/normalise";
import type { BookRecord } from "@/lib/records/types";
import type { SearchDoc } from "@/lib/search/types";
import type { Prediction, Store } from "@/lib/store/types";

/** A generator's live prediction for one record, with the version it belongs to. */
export interface LivePrediction extends Prediction {
  version: string;
}

/** generator name -> that generator's live prediction for the record (absent when it has none). */
export type LivePredictions = Readonly<Record<string, LivePrediction | undefined>>;

const LANGUAGE_GENERATOR = "language";

/**
 * The search document of a record: catalogue fields plus every machine facet's live value.
 * Language is the catalogue's where it has one (catalogue always wins), else the prediction,
 * with `language_source` saying which. Further machine facets are filled from the facet table
 * (`<field>`, `<confidenceField>`, `<modelField>`), so a new generator needs no change here.
 */
export function toSearchDoc(record: BookRecord, predictions: LivePredictions): SearchDoc {
  const names = [...new Set([record.name, ...record.allNames].filter((n): n is string => n !== null && n !== ""))];
  const doc: SearchDoc = {
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
  };

  for (const facet of FACETS as readonly FacetDef[]) {
    if (facet.source !== "machine" || !facet.generator) continue;
    const p = predictions[facet.generator];
    doc[facet.field] = p?.value ?? null;
    if (facet.confidenceField) doc[facet.confidenceField] = p?.confidence ?? null;
    if (facet.modelField) doc[facet.modelField] = p?.version ?? null;
  }

  if (record.languages.length > 0) {
    doc.language = record.languages;
    doc.language_source = "catalogue";
  } else {
    const p = predictions[LANGUAGE_GENERATOR];
    if (p) {
      doc.language = [p.value];
      doc.language_source = "predicted";
      doc.language_confidence = p.confidence;
      doc.language_model = p.version;
    }
  }
  return doc;
}

/** Generators whose live predictions the search documents carry (from the facet table). */
export function searchGenerators(): string[] {
  return [...new Set((FACETS as readonly FacetDef[]).flatMap((f) => (f.generator ? [f.generator] : [])))];
}

/**
 * Every record of the store as a search document, with each generator's current predictions.
 * Reads the store in separate calls (records, then each generator): if a version switches in
 * between, the store's revision has moved too and the caller's next poll rebuilds.
 */
export function* toSearchDocs(store: Pick<Store, "iterateRecords" | "getCurrentVersion" | "getCurrentPredictions">): Generator<SearchDoc> {
  const live = searchGenerators().map((generator) => ({
    generator,
    version: store.getCurrentVersion(generator),
    predictions: store.getCurrentPredictions(generator),
  }));
  for (const record of store.iterateRecords()) {
    const predictions: Record<string, LivePrediction | undefined> = {};
    for (const g of live) {
      const p = g.version === null ? undefined : g.predictions.get(record.id);
      if (p) predictions[g.generator] = { ...p, version: g.version as string };
    }
    yield toSearchDoc(record, predictions);
  }
}
