/**
 * A book record as the project sees it: the BL catalogue export row, normalised.
 * Every field except `id` and `title` is optional in practice (see ../shared/data/README.md),
 * so absent values are `null` or empty arrays, never empty strings.
 */
export interface BookRecord {
  /** `BL record ID` (kept as a string: leading zeros matter). */
  id: string;
  title: string;
  /** `Name`: the main heading, e.g. "Hazlitt, William Carew". */
  name: string | null;
  /** `All names`, split on `;`, role suffixes such as "[person]" kept as catalogued. */
  allNames: string[];
  /** `Place of publication`, split on `;`, brackets and trailing punctuation cleaned. */
  places: string[];
  /** `Country of publication`, split on `;`. */
  countries: string[];
  publisher: string | null;
  /** `Date of publication` exactly as catalogued. */
  dateRaw: string | null;
  /** Year parsed from `dateRaw`; null when it cannot be parsed (the raw string is kept). */
  year: number | null;
  edition: string | null;
  physicalDescription: string | null;
  /** `BL shelfmark` as catalogued, e.g. "Digital Store 11651.h.6". */
  shelfmark: string | null;
  /** Shelfmark without its source prefix ("Digital Store", "British Library HMNTS"), e.g. "11651.h.6". */
  shelfmarkClass: string | null;
  /** `Genre` from the catalogue (rare in this copy of the collection). */
  catalogueGenre: string | null;
  topics: string | null;
  /** `Languages` from the catalogue, split on `;`. */
  languages: string[];
  /** `BL record ID for physical resource` (or `Digitised Record Match` in the real export). */
  physicalId: string | null;
  /** `Link to digitised book` (BL viewer ARK). */
  link: string | null;
  /** Every non-empty column of the source row, by its catalogue column name, for the record page. */
  fields: Record<string, string>;
}

/** A row the parser could not accept. It is never dropped: ingest writes it to a rejects file. */
export interface RejectedRow {
  /** 1-based line number in the source file where the row starts. */
  line: number;
  reason: string;
  /** The raw text of the row (or the parsed cells joined), so nothing a user gave is lost. */
  raw: string;
}
