/**
 * Turns the large-collection figures into the advice the README gives: per-search CPU grows with
 * the number of records (facet counts visit every matching record), so from the measured cost per
 * record we derive the largest collection that still meets the portal's targets on one core.
 */
export interface ScaleFigures {
  records: number;
  cpuMsPerSearch: number;
  p95Ms: number;
  buildSeconds: number;
  heapMiB: number;
  http: { seqP95: number; rps: number; p99: number; errors: number; rssMiB: number; readyS: number } | null;
}

/** What the embedded engine must sustain (issue 2's targets). */
export const SCALE_TARGETS = { rps: 400, seqP95Ms: 15, rssMiB: 500 } as const;

export function largestSensibleCollection(f: Pick<ScaleFigures, "records" | "cpuMsPerSearch" | "heapMiB">): { byThroughput: number; byMemory: number } {
  const cpuPerRecord = f.cpuMsPerSearch / f.records;
  const heapPerRecord = f.heapMiB / f.records;
  // About one core serves (the other runs everything else), and Next + HTTP take ~0.7 ms of the 2.5 ms a request may cost at 400 req/s.
  const budgetMs = 1000 / SCALE_TARGETS.rps - 0.7;
  return {
    byThroughput: Math.floor(Math.max(0, budgetMs) / cpuPerRecord),
    byMemory: Math.floor((SCALE_TARGETS.rssMiB - 150) / heapPerRecord),
  };
}

export function formatScaleVerdict(f: ScaleFigures): string[] {
  const limit = largestSensibleCollection(f);
  const lines = [
    `verdict at ${f.records.toLocaleString("en")} records:`,
    `  in-process search CPU ${f.cpuMsPerSearch.toFixed(2)} ms (p95 ${f.p95Ms.toFixed(1)} ms) -> at most ${(1000 / f.cpuMsPerSearch).toFixed(0)} searches/s per core before HTTP; index build ${f.buildSeconds.toFixed(0)} s at every server start; heap ${f.heapMiB.toFixed(0)} MiB`,
  ];
  if (f.http) {
    lines.push(
      `  server: ${f.http.rps.toFixed(0)} req/s at 20 clients (p99 ${f.http.p99.toFixed(0)} ms, ${f.http.errors} errors), sequential p95 ${f.http.seqP95.toFixed(1)} ms, RSS ${f.http.rssMiB.toFixed(0)} MiB, ready after ${f.http.readyS.toFixed(0)} s`,
    );
  }
  lines.push(
    `  the portal's targets (>= ${SCALE_TARGETS.rps} req/s, RSS <= ${SCALE_TARGETS.rssMiB} MB) hold up to about ${Math.min(limit.byThroughput, limit.byMemory).toLocaleString("en")} records on this machine (throughput bound ${limit.byThroughput.toLocaleString("en")}, memory bound ${limit.byMemory.toLocaleString("en")}); above that, use Meilisearch (MEILI_URL)`,
  );
  return lines;
}
