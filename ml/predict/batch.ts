/**
 * Column batches passed between the CSV reader and the scoring workers. Columns of plain
 * strings clone much faster between threads than arrays of record objects.
 */
import type { GenreInput } from "@/ml/features/featurise";

export interface ColumnBatch {
  id: number;
  titles: string[];
  names: (string | null)[];
  places: (string | null)[];
  publishers: (string | null)[];
  dates: (string | null)[];
  years: (number | null)[];
  editions: (string | null)[];
  physical: (string | null)[];
  genres: (string | null)[];
  shelfmarks: (string | null)[];
}

/** Calls `visit` with a reused input object per row (no per-row allocation). */
export function forEachInput(batch: ColumnBatch, visit: (input: GenreInput, row: number) => void): void {
  const places: string[] = [];
  const input: GenreInput & { places: string[] } = { title: "", places };
  for (let i = 0; i < batch.titles.length; i++) {
    input.title = batch.titles[i]!;
    input.name = batch.names[i];
    const p = batch.places[i];
    places.length = 0;
    if (p) places.push(p);
    input.publisher = batch.publishers[i];
    input.dateRaw = batch.dates[i];
    input.year = batch.years[i];
    input.edition = batch.editions[i];
    input.physicalDescription = batch.physical[i];
    input.catalogueGenre = batch.genres[i];
    input.shelfmarkClass = batch.shelfmarks[i];
    visit(input, i);
  }
}
