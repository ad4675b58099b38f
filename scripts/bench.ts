import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { positiveInt } from "@/scripts/bench/cli";
import { toSearchHref } from "@/lib/search/params";
import { ensureBenchDataset } from "@/scripts/bench/dataset";
import { formatEngineSection, runEngineSection } from "@/scripts/bench/engine-section";
import { formatLoad, runLoad, runSequential, type LoadResult } from "@/scripts/bench/http-section";
import { formatMachine, getMachineInfo } from "@/scripts/bench/machine";
import { buildNext, hasBuild, startNext } from "@/scripts/bench/next-server";
import { formatExportSection, runExportSection } from "@/scripts/bench/export-section";
import { formatMlFacetsSection, runMlFacetsSection } from "@/scripts/bench/ml-facets-section";
import { buildQueryMix } from "@/scripts/bench/query-mix";
import { latestModelDir } from "@/ml/model/artifacts";
import { formatLatency } from "@/scripts/bench/stats";
import { runBench, writeBenchReport } from "@/scripts/bench/report";
import { runCacheSection } from "@/scripts/bench/cache-section";
import { formatTrainingSection } from "@/scripts/bench/training-section";

/**
 * `npm run bench`: search latency and throughput on the whole collection, as issue 2 targets them.
 * Sections: machine, dataset (ingest), engine in process, /api/search sequential, load with 1/20/100
 * clients, the search page, server RSS. Later issues add sections under scripts/bench/.
 */
const program = new Command()
  .name("bench")
  .description("Benchmark the search engine and API on the whole collection (prints machine, dataset and figures).")
  .option("--quick", "5 s per load run instead of 30 s")
  .option("--duration <seconds>", "seconds per load run", positiveInt("--duration"))
  .option("--queries <n>", "distinct queries in the fixed mix", positiveInt("--queries"), 1000)
  .option("--port <port>", "port for the server (scripts/serve.ts) on 127.0.0.1", positiveInt("--port"), 3201)
  .option("--no-cache-section", "skip the second server run with the search result cache on")
  .option("--work-dir <dir>", "bench working folder (its own store; default: <tmp>/glam-bench)")
  .option("--connections <list>", "comma-separated client counts for the load runs", "1,20,100")
  .option("--skip-http", "engine section only (no Next server)")
  .option("--model-work-dir <dir>", "working folder whose models/genre holds the genre model for the ML facets section (default: the bench work dir, else $WORK_DIR or ./work)")
  .option("--rebuild", "run next build even when .next exists");

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const duration = opts.duration ?? (opts.quick ? 5 : 30);
  const connections = opts.connections.split(",").map((c) => positiveInt("--connections")(c.trim()));
  const workDir = path.resolve(opts.workDir ?? path.join(os.tmpdir(), "glam-bench"));
  const dataDir = process.env.BL_DATA_DIR;
  const out: string[] = [];
  const say = (line: string) => {
    console.log(line);
    out.push(line);
  };

  say(`# npm run bench  ${new Date().toISOString()}`);
  say(formatMachine(getMachineInfo()));
  say(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews figures)`);

  process.stdout.write("dataset: preparing the bench store...\n");
  const ds = await ensureBenchDataset({ workDir, dataDir });
  say(`dataset: ${ds.records} records in ${ds.storeFile}`);
  say(ds.ingestSeconds === null ? "ingest: store reused (delete the work dir to time ingest)" : `ingest: ${ds.ingestSeconds.toFixed(2)} s`);
  if (ds.synthetic.length > 0) say(`predictions: SYNTHETIC (hash-derived) versions written for ${ds.synthetic.join(", ")}, so ML facets and min_confidence carry full-size load`);

  // Real predictions replace the synthetic ones when a genre model is found, so the search figures below carry them.
  const modelWorkDir = [opts.modelWorkDir, workDir, process.env.WORK_DIR ?? "work"].filter((d): d is string => Boolean(d)).map((d) => path.resolve(d)).find((d) => latestModelDir(d) !== null);
  if (modelWorkDir) {
    process.stdout.write("ML facets: generating every machine facet and switching the index...\n");
    const modelDir = latestModelDir(modelWorkDir);
    if (modelDir) say(formatTrainingSection(modelDir));
    const ml = await runMlFacetsSection({ storeFile: ds.storeFile, modelWorkDir });
    for (const l of formatMlFacetsSection(ml)) say(l);
    say(formatExportSection(await runExportSection(ml.engine, "csv")));
  } else say("ML facets: skipped, no genre model found (npm run train, or --model-work-dir <dir>)");

  const engine = await runEngineSection(ds.storeFile, (docs) => buildQueryMix(docs, { count: opts.queries }));
  for (const l of formatEngineSection(engine)) say(l);
  if (ds.ingestSeconds !== null) say(`ingest + index: ${(ds.ingestSeconds + engine.buildSeconds).toFixed(2)} s (target <= 10 s)`);
  say(`query mix: ${engine.queries.length} distinct queries (1-2 title words + 2 filters from the same record, sorts, pages 1-50, 20% with min_confidence); caching: none`);
  if (opts.skipHttp) return 0;

  // BENCH=1 lifts the per-client rate limit for loopback clients (lib/http/config.ts) so load runs measure search.
  // The main figures are taken with the result cache off (SEARCH_CACHE_MB=0); the cache gets its own section.
  const env = { ...process.env, WORK_DIR: ds.workDir, PORT: String(opts.port), BENCH: "1", NEXT_TELEMETRY_DISABLED: "1", SEARCH_CACHE_MB: "0" };
  const cwd = process.cwd();
  if (opts.rebuild || !hasBuild(cwd)) {
    process.stdout.write("next build (production)...\n");
    say(`next build: ${(await buildNext(cwd, env)).toFixed(1)} s`);
  }
  const apiPaths = engine.queries.map((q) => toSearchHref(q, "/api/search"));
  const server = await startNext({ cwd, port: opts.port, env });
  try {
    say(`server: scripts/serve.ts (as npm start) on ${server.url}, result cache off, healthy after ${(server.readyMs / 1000).toFixed(2)} s; health ${JSON.stringify(server.health)}`);
    say(`server RSS after start: ${server.rssMiB().toFixed(0)} MiB`);
    await runSequential(server.url, apiPaths.slice(0, 50));
    const cpuBefore = server.cpuMs();
    const seq = await runSequential(server.url, apiPaths);
    const cpuPerRequest = (server.cpuMs() - cpuBefore) / apiPaths.length;
    say(`/api/search sequential: ${formatLatency(seq.latency)}; errors ${seq.errors}; mean body ${(seq.meanBytes / 1024).toFixed(1)} KiB (target p95 <= 15 ms)`);
    say(`  server CPU per request: ${cpuPerRequest.toFixed(2)} ms -> at most ${(1000 / cpuPerRequest).toFixed(0)} req/s per fully available core`);
    const loads: LoadResult[] = [];
    for (const c of connections) {
      const before = server.cpuMs();
      const r = await runLoad(server.url, apiPaths, c, duration);
      loads.push(r);
      say(`/api/search load ${formatLoad(r)}; server CPU ${((server.cpuMs() - before) / Math.max(1, r.requests)).toFixed(2)} ms/request`);
    }
    const at20 = loads.find((l) => l.connections === 20);
    if (at20) say(`target at 20 clients: >= 400 req/s, p99 <= 100 ms, 0 errors -> ${at20.rps >= 400 && at20.latency.p99 <= 100 && at20.errors + at20.non2xx === 0 ? "MET" : "NOT MET"}`);
    const pagePaths = engine.queries.slice(0, 200).map((q) => toSearchHref(q, "/"));
    await runSequential(server.url, pagePaths.slice(0, 10));
    const page = await runSequential(server.url, pagePaths);
    say(`search page / sequential: ${formatLatency(page.latency)}; errors ${page.errors}; mean body ${(page.meanBytes / 1024).toFixed(1)} KiB (target p95 <= 150 ms)`);
    say(`server RSS after load: ${server.rssMiB().toFixed(0)} MiB (target <= 500 MB)`);
  } finally {
    await server.stop();
  }
  if (opts.cacheSection) for (const l of await runCacheSection({ cwd, env, port: opts.port, apiPaths, duration })) say(l);
  writeBenchReport(ds.workDir, "bench", out);
  return 0;
}

runBench("bench", main);
