import type { BookRecord } from "@/lib/records/types";

/** A hand-written record for tests: a title and only the fields a test sets. */
export function toTestRecord(title: string, fields: Partial<BookRecord> = {}, id = "t-" + title.length): BookRecord {
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
    fields: { "BL record ID": id, Title: title },
    ...fields,
  };
}
