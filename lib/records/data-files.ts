import fs from "node:fs";
import path from "node:path";

/**
 * The data files the project reads, where they come from, and which folder holds them:
 * `BL_DATA_DIR` when it is set and has the collection file, else `<WORK_DIR>/data` (where
 * `npm run data:download` puts them). See docs/data.md.
 */

export const COLLECTION_FILE = "bl-digitised-books.csv";
export const LABELS_FILE = "annotations/train_valid.csv";

export interface DataSource {
  /** Path inside the data folder. */
  file: string;
  url: string;
  what: string;
  licence: string;
}

export const DATA_SOURCES: readonly DataSource[] = [
  {
    file: COLLECTION_FILE,
    url: "https://bl.iro.bl.uk/downloads/e1be1324-8b1a-4712-96a7-783ac209ddef?locale=en",
    what: "British Library catalogue export of the digitised 19th-century books (CSV, 52,695 rows; doi 10.23636/BKHQ-0312)",
    licence: "CC0",
  },
  {
    file: LABELS_FILE,
    url: "https://raw.githubusercontent.com/Living-with-machines/genre-classification/main/genre_classification_of_bl_books/data/train_valid.csv",
    what: "Human genre labels (Fiction / Non-fiction) joined to the catalogue records (Living with Machines)",
    licence: "CC BY 4.0",
  },
];

export interface DataDirChoice {
  /** Folder to read from (or to download into when `missing` is not empty). */
  dir: string;
  origin: "BL_DATA_DIR" | "WORK_DIR";
  /** Files of DATA_SOURCES absent from `dir`. */
  missing: DataSource[];
}

/**
 * Where the data is, or where it should go. `BL_DATA_DIR` wins whenever it holds the collection
 * file (it may be read-only, so nothing is ever written there); otherwise `<WORK_DIR>/data`.
 */
export function chooseDataDir(
  env: { BL_DATA_DIR?: string | undefined; WORK_DIR: string },
  exists: (file: string) => boolean = fs.existsSync,
): DataDirChoice {
  const missingIn = (dir: string) => DATA_SOURCES.filter((s) => !exists(path.join(dir, s.file)));
  if (env.BL_DATA_DIR && exists(path.join(env.BL_DATA_DIR, COLLECTION_FILE))) {
    return { dir: path.resolve(env.BL_DATA_DIR), origin: "BL_DATA_DIR", missing: missingIn(env.BL_DATA_DIR) };
  }
  const dir = path.resolve(env.WORK_DIR, "data");
  return { dir, origin: "WORK_DIR", missing: missingIn(dir) };
}
