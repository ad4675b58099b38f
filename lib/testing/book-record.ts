import type { BookRecord } from "@/lib/records/types";

/** A hand-written record for tests: only id and title matter unless given. */
export function buildTestRecord(id: string, title: string, extra: Partial<BookRecord> = {}): BookRecord {
  return {
    id,
    title,
    name: null,
    allNames: [],
    places: [],
    countries: [],
    publisher: null,
    dateRaw: null,
    year: null,
    edition: null,
    physicalDescription: null,
    shelfmark: null,
    shelfmarkClass: null,
    catalogueGenre: null,
    topics: null,
    languages: [],
    physicalId: null,
    link: null,
    fields: {},
    ...extra,
  };
}
