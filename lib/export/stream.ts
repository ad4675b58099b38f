import { getFacetTable } from "@/lib/facets/live-table";
import { stringify } from "csv-stringify/sync";
import { type FacetDef } from "@/lib/facets/table";
import type { SearchDoc, SearchEngine, SearchQuery } from "@/lib/search/types";
import { toExportColumns, toExportRow } from "./rows";

/**
 * The whole result set of a search as CSV or JSON, streamed: rows are pulled from the engine's
 * `scan` a chunk at a time as the client reads, so memory holds one chunk of text, not the file.
 */

/** Most rows one export returns (documented in the README); more matches are cut, and said so. */
export const EXPORT_MAX_ROWS = 100_000;
/** Wall-clock bound of one export; past it the stream is aborted so no truncated file looks complete. */
export const EXPORT_TIME_LIMIT_MS = 60_000;
const CHUNK_ROWS = 500;

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportTimeoutError extends Error {
  override name = "ExportTimeoutError";
}

export interface ExportPlan {
  /** Matching records (before the cap). */
  total: number;
  /** Rows the stream will carry: min(total, cap). */
  rows: number;
  truncated: boolean;
  stream: ReadableStream<Uint8Array>;
}

export interface ExportOptions {
  format: ExportFormat;
  cap?: number;
  timeLimitMs?: number;
  facets?: readonly FacetDef[];
  now?: () => number;
}

export async function buildExport(engine: SearchEngine, query: SearchQuery, options: ExportOptions): Promise<ExportPlan> {
  const cap = options.cap ?? EXPORT_MAX_ROWS;
  const timeLimit = options.timeLimitMs ?? EXPORT_TIME_LIMIT_MS;
  const now = options.now ?? (() => performance.now());
  const table = options.facets ?? getFacetTable();
  const columns = toExportColumns(table);
  const { total } = await engine.search({ ...query, page: 1, perPage: 1, facetLimit: 1 });
  const rows = Math.min(total, cap);
  const started = now();
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<SearchDoc> | null = null;
  let written = 0;
  let state: "head" | "body" | "done" = "head";

  const head =
    options.format === "csv"
      ? stringify([columns])
      : `{"total":${total},"cap":${cap},"truncated":${total > cap},"columns":${JSON.stringify(columns)},"rows":[\n`;
  const tail = options.format === "csv" ? "" : "\n]}\n";

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (state === "head") {
        state = "body";
        iterator = engine.scan(query, cap)[Symbol.asyncIterator]();
        controller.enqueue(encoder.encode(head));
        return;
      }
      if (state === "done" || !iterator) return;
      if (now() - started > timeLimit) {
        state = "done";
        await iterator.return?.();
        controller.error(new ExportTimeoutError(`export stopped after ${Math.round(timeLimit / 1000)} s with ${written} of ${rows} rows; narrow the search`));
        return;
      }
      const chunk: string[] = [];
      while (chunk.length < CHUNK_ROWS) {
        const next = await iterator.next();
        if (next.done) {
          state = "done";
          break;
        }
        const row = toExportRow(next.value, table);
        if (options.format === "csv") chunk.push(stringify([columns.map((c) => row[c] ?? null)]));
        else chunk.push(`${written + chunk.length > 0 ? ",\n" : ""}${JSON.stringify(row)}`);
      }
      written += chunk.length;
      if (chunk.length > 0) controller.enqueue(encoder.encode(chunk.join("")));
      if (state === "done") {
        if (tail) controller.enqueue(encoder.encode(tail));
        controller.close();
      }
    },
    async cancel() {
      state = "done";
      await iterator?.return?.();
    },
  });
  return { total, rows, truncated: total > cap, stream };
}

/** `bl-books-<query words>-<date>.<format>`, safe in a Content-Disposition header. */
export function toExportFilename(query: SearchQuery, format: ExportFormat, date: Date = new Date()): string {
  const words = query.q
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .toLowerCase();
  return `bl-books${words ? `-${words}` : ""}-${date.toISOString().slice(0, 10)}.${format}`;
}
