import { formatLoad, runLoad, runSequential } from "./http-section";
import { startNext } from "./next-server";
import { formatLatency } from "./stats";

/**
 * The same query mix against a server with the search result cache on (its default, 32 MiB):
 * reported apart from the uncached figures, as issue 2 asks. The first pass over the mix fills
 * the cache (all misses); the load run that follows then mostly hits it.
 */
export async function runCacheSection(opts: { cwd: string; env: NodeJS.ProcessEnv; port: number; apiPaths: readonly string[]; duration: number }): Promise<string[]> {
  const out: string[] = [];
  const server = await startNext({ cwd: opts.cwd, port: opts.port, env: { ...opts.env, SEARCH_CACHE_MB: "32" } });
  try {
    const fill = await runSequential(server.url, opts.apiPaths);
    out.push(`with result cache (SEARCH_CACHE_MB=32), first pass over the ${opts.apiPaths.length} queries (misses): ${formatLatency(fill.latency)}; errors ${fill.errors}`);
    const again = await runSequential(server.url, opts.apiPaths);
    out.push(`with result cache, second pass (hits): ${formatLatency(again.latency)}; errors ${again.errors}`);
    const before = server.cpuMs();
    const load = await runLoad(server.url, opts.apiPaths, 20, opts.duration);
    out.push(`with result cache, load ${formatLoad(load)}; server CPU ${((server.cpuMs() - before) / Math.max(1, load.requests)).toFixed(2)} ms/request`);
    out.push(`server RSS with the cache full: ${server.rssMiB().toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
  return out;
}
