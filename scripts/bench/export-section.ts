import { buildExport, type ExportFormat } from "@/lib/export/stream";
import { defaultSearchQuery } from "@/lib/search/params";
import type { SearchEngine } from "@/lib/search/types";

/**
 * The export of a whole result set through the same code as GET /api/export, read as a client
 * would (chunk by chunk, discarding): time, throughput and how much the heap grew at most, which
 * stays near one chunk of text when streaming works and would grow with the file if it did not.
 */
export interface ExportSection {
  format: ExportFormat;
  rows: number;
  bytes: number;
  seconds: number;
  peakHeapGrowthMiB: number;
}

export async function runExportSection(engine: SearchEngine, format: ExportFormat): Promise<ExportSection> {
  globalThis.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peak = baseHeap;
  const t0 = performance.now();
  const plan = await buildExport(engine, defaultSearchQuery(), { format });
  const reader = plan.stream.getReader();
  let bytes = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (++chunks % 10 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  return { format, rows: plan.rows, bytes, seconds: (performance.now() - t0) / 1000, peakHeapGrowthMiB: (peak - baseHeap) / 2 ** 20 };
}

export function formatExportSection(s: ExportSection): string {
  return `export (${s.format}, whole collection, in process): ${s.rows} rows, ${(s.bytes / 2 ** 20).toFixed(1)} MiB in ${s.seconds.toFixed(2)} s (${Math.round(s.rows / s.seconds).toLocaleString("en-GB")} rows/s); heap grew at most ${s.peakHeapGrowthMiB.toFixed(1)} MiB while streaming`;
}
