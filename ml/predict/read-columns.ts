/**
 * Lean reader for prediction inputs: the project's CSV scanner (lib/records/csv-scanner) and
 * header matching (lib/records/columns), but no BookRecord normalisation, which costs about
 * ten times the scanning and which hashing does not need. Rows without an id or a title and
 * rows the scanner cannot read are returned as rejects with their line numbers.
 */
import fs from "node:fs";
import { CsvScanner } from "@/lib/records/csv-scanner";
import { COLUMN_OF, findColumn } from "@/lib/records/columns";
import type { RejectedRow } from "@/lib/records/types";
import type { ColumnBatch } from "./batch";

export class PredictionInputError extends Error {
  override name = "PredictionInputError";
}

const WANTED = {
  id: COLUMN_OF.id,
  title: COLUMN_OF.title,
  name: COLUMN_OF.name,
  allNames: COLUMN_OF.allNames,
  places: COLUMN_OF.places,
  publisher: COLUMN_OF.publisher,
  date: COLUMN_OF.dateRaw,
  edition: COLUMN_OF.edition,
  physical: COLUMN_OF.physicalDescription,
  genre: COLUMN_OF.catalogueGenre,
  shelfmark: COLUMN_OF.shelfmark,
} as const;
type Wanted = keyof typeof WANTED;

export interface ColumnChunk {
  batch: ColumnBatch;
  ids: string[];
  rejected: RejectedRow[];
  /** Data rows seen so far (accepted + rejected). */
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

function emptyBatch(id: number): ColumnBatch {
  return { id, titles: [], names: [], places: [], publishers: [], dates: [], years: [], editions: [], physical: [], genres: [], shelfmarks: [] };
}

const YEAR = /1[4-9]\d\d/;

export async function* readPredictionColumns(file: string, batchSize = 8192): AsyncGenerator<ColumnChunk> {
  let totalBytes: number;
  try {
    totalBytes = (await fs.promises.stat(file)).size;
  } catch (cause) {
    throw new PredictionInputError(`Cannot read input file ${file}: ${(cause as Error).message}`, { cause });
  }
  let index: Record<Wanted, number> | null = null;
  let batchId = 0;
  let batch = emptyBatch(batchId);
  let ids: string[] = [];
  let rejected: RejectedRow[] = [];
  let rows = 0;
  let bytesRead = 0;
  const cell = (cells: string[], i: number): string | null => {
    if (i < 0) return null;
    const v = cells[i]?.trim();
    return v ? v : null;
  };
  const scanner: CsvScanner = new CsvScanner({
    onRow: (cells, line) => {
      if (!index) {
        const header = cells.map((c) => c.replace(/^\uFEFF/, ""));
        const found = Object.fromEntries(Object.entries(WANTED).map(([k, col]) => [k, findColumn(header, col)])) as Record<Wanted, number>;
        const missing = [WANTED.id, WANTED.title].filter((col) => findColumn(header, col) === -1);
        if (missing.length > 0) throw new PredictionInputError(`${file}: the header lacks the column(s) ${missing.map((m) => `"${m}"`).join(", ")}; found ${header.map((h) => `"${h}"`).join(", ")}`);
        index = found;
        scanner.expectedColumns = header.length;
        return;
      }
      rows++;
      const id = cell(cells, index.id);
      const title = cell(cells, index.title);
      if (!id || !title) {
        rejected.push({ line, reason: !id && !title ? "no BL record ID and no Title" : !id ? "no BL record ID" : "no Title", raw: scanner.currentRaw() });
        return;
      }
      ids.push(id);
      batch.titles.push(title);
      batch.names.push(cell(cells, index.name) ?? cell(cells, index.allNames));
      batch.places.push(cell(cells, index.places));
      batch.publishers.push(cell(cells, index.publisher));
      const date = cell(cells, index.date);
      batch.dates.push(date);
      const year = date ? YEAR.exec(date) : null;
      batch.years.push(year ? Number(year[0]) : null);
      batch.editions.push(cell(cells, index.edition));
      batch.physical.push(cell(cells, index.physical));
      batch.genres.push(cell(cells, index.genre));
      batch.shelfmarks.push(cell(cells, index.shelfmark));
    },
    onBadRow: (bad) => {
      if (index) rows++;
      rejected.push({ line: bad.line, reason: bad.reason, raw: bad.raw });
    },
  });
  const take = (): ColumnChunk => {
    const chunk = { batch, ids, rejected, rows, bytesRead, totalBytes };
    batch = emptyBatch(++batchId);
    ids = [];
    rejected = [];
    return chunk;
  };
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  stream.setEncoding("utf8");
  for await (const text of stream as AsyncIterable<string>) {
    bytesRead = stream.bytesRead;
    scanner.feed(text);
    if (ids.length >= batchSize) yield take();
  }
  scanner.end();
  if (!index) throw new PredictionInputError(`${file} is empty: expected a header with "${WANTED.id}" and "${WANTED.title}"`);
  yield take();
}
