import { EmbeddedSearchEngine } from "@/lib/search/embedded";
import { toSearchDocs } from "@/lib/search/projection";
import type { SearchDoc, SearchQuery } from "@/lib/search/types";
import { openStore } from "@/lib/store";
import { formatLatency, summarise, type LatencySummary } from "./stats";

/** In-process engine figures: index build time and per-query latency without HTTP or Next. */
export interface EngineSection {
  buildSeconds: number;
  /** CPU time of the build (all threads, including GC): what the build costs when the machine is not shared. */
  buildCpuSeconds: number;
  docs: readonly SearchDoc[];
  latency: LatencySummary;
  /** CPU time per search: robust to other processes on the machine, unlike wall-clock latency. */
  cpuMsPerSearch: number;
  heapMiB: number;
}

export async function loadDocs(storeFile: string): Promise<SearchDoc[]> {
  const store = openStore(storeFile);
  try {
    return [...toSearchDocs(store)];
  } finally {
    store.close();
  }
}

export async function runEngineSection(storeFile: string, queries: (docs: readonly SearchDoc[]) => SearchQuery[]): Promise<EngineSection & { queries: SearchQuery[] }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const docs = await loadDocs(storeFile);
  const engine = await EmbeddedSearchEngine.create(docs);
  const buildSeconds = (performance.now() - t0) / 1000;
  const buildCpu = process.cpuUsage(cpu0);
  const buildCpuSeconds = (buildCpu.user + buildCpu.system) / 1e6;
  const mix = queries(docs);
  for (const q of mix.slice(0, 100)) engine.searchSync(q);
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (const q of mix) {
    const s = performance.now();
    engine.searchSync(q);
    samples.push(performance.now() - s);
  }
  const used = process.cpuUsage(cpu);
  const cpuMsPerSearch = (used.user + used.system) / 1000 / mix.length;
  return { buildSeconds, buildCpuSeconds, docs, latency: summarise(samples), cpuMsPerSearch, heapMiB: process.memoryUsage().heapUsed / 2 ** 20, queries: mix };
}

export function formatEngineSection(s: EngineSection): string[] {
  return [
    `engine (embedded, in process): store -> docs -> index ${s.buildSeconds.toFixed(2)} s (CPU ${s.buildCpuSeconds.toFixed(2)} s), heap ${s.heapMiB.toFixed(0)} MiB`,
    `  search (query + 2 filters + all facets): ${formatLatency(s.latency)}; CPU ${s.cpuMsPerSearch.toFixed(3)} ms/search`,
  ];
}
