import autocannon from "autocannon";
import { formatLatency, summarise, type LatencySummary } from "./stats";

/** Sequential latency over a list of paths, checking every answer is 200. */
export async function runSequential(baseUrl: string, paths: readonly string[]): Promise<{ latency: LatencySummary; errors: number; meanBytes: number }> {
  const samples: number[] = [];
  let errors = 0;
  let bytes = 0;
  for (const p of paths) {
    const started = performance.now();
    const res = await fetch(baseUrl + p);
    const body = await res.arrayBuffer();
    samples.push(performance.now() - started);
    bytes += body.byteLength;
    if (res.status !== 200) errors++;
  }
  return { latency: summarise(samples), errors, meanBytes: bytes / Math.max(1, paths.length) };
}

export interface LoadResult {
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  latency: LatencySummary;
  errors: number;
  non2xx: number;
}

/** autocannon with `connections` clients cycling through the paths; latencies collected per response. */
export async function runLoad(baseUrl: string, paths: readonly string[], connections: number, durationS: number): Promise<LoadResult> {
  const samples: number[] = [];
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: durationS,
    requests: paths.map((p) => ({ method: "GET" as const, path: p })),
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    samples.push(responseTime);
  });
  const result = await instance;
  return {
    connections,
    durationS,
    requests: result.requests.total,
    rps: result.requests.total / durationS,
    latency: summarise(samples),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function formatLoad(r: LoadResult): string {
  return `${String(r.connections).padStart(3)} clients: ${r.rps.toFixed(0)} req/s (${r.requests} in ${r.durationS} s), errors ${r.errors}, non-2xx ${r.non2xx}; ${formatLatency(r.latency)}`;
}
