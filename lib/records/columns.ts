/**
 * Column names of the BL catalogue export and the record fields they fill.
 * Header matching ignores case and surrounding whitespace; aliases cover the names the
 * real 2021 export uses where they differ from the collection file.
 */

export const ID_COLUMN = "BL record ID";
export const TITLE_COLUMN = "Title";

/** Columns a records file must have, unless the caller asks for others. */
export const REQUIRED_COLUMNS: readonly string[] = [ID_COLUMN, TITLE_COLUMN];

/** Catalogue column (canonical name) for each scalar/list field of a BookRecord. */
export const COLUMN_OF = {
  id: ID_COLUMN,
  title: TITLE_COLUMN,
  name: "Name",
  allNames: "All names",
  places: "Place of publication",
  countries: "Country of publication",
  publisher: "Publisher",
  dateRaw: "Date of publication",
  edition: "Edition",
  physicalDescription: "Physical description",
  shelfmark: "BL shelfmark",
  catalogueGenre: "Genre",
  topics: "Topics",
  languages: "Languages",
  physicalId: "BL record ID for physical resource",
  link: "Link to digitised book",
} as const;

export type RecordColumnKey = keyof typeof COLUMN_OF;

/** Other names seen for a canonical column (lower-cased). */
export const COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  [COLUMN_OF.physicalId]: ["digitised record match"],
};

export function toColumnKey(name: string): string {
  return name.replace(/^\uFEFF/, "").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Index of a canonical column in a header, by name or alias; -1 when absent.
 * The canonical name wins over an alias when a file has both.
 */
export function findColumn(header: readonly string[], canonical: string): number {
  const keys = header.map(toColumnKey);
  const exact = keys.indexOf(toColumnKey(canonical));
  if (exact !== -1) return exact;
  for (const alias of COLUMN_ALIASES[canonical] ?? []) {
    const i = keys.indexOf(alias);
    if (i !== -1) return i;
  }
  return -1;
}
