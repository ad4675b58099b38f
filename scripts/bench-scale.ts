/**
 * `npm run bench:scale`: the embedded engine on a large synthetic collection (issue 8): resample
 * the real export to --rows records (default 1,000,000), ingest them, build the in-process index,
 * run the query mix in process and through the production server, and print where the embedded
 * engine stops being sensible. Everything lives in its own work folder (default <tmp>/glam-bench-scale),
 * reused on later runs; delete it to time the ingest again.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { positiveInt } from "@/scripts/bench/cli";
import { Presets, SingleBar } from "cli-progress";
import { COLLECTION_FILE } from "@/lib/records/data-files";
import { toSearchHref } from "@/lib/search/params";
import { BenchSetupError, ensureBenchDataset } from "@/scripts/bench/dataset";
import { runEngineSection } from "@/scripts/bench/engine-section";
import { formatLoad, runLoad, runSequential } from "@/scripts/bench/http-section";
import { formatMachine, getMachineInfo } from "@/scripts/bench/machine";
import { buildNext, hasBuild, startNext } from "@/scripts/bench/next-server";
import { buildQueryMix } from "@/scripts/bench/query-mix";
import { writeResampledCollection } from "@/scripts/bench/resample-collection";
import { formatLatency } from "@/scripts/bench/stats";
import { runBench, writeBenchReport } from "@/scripts/bench/report";
import { formatScaleVerdict } from "@/scripts/bench/scale-verdict";

const program = new Command()
  .name("bench:scale")
  .description("Resample the collection to --rows records, ingest, index and search them on the embedded engine, and print the figures.")
  .option("--rows <n>", "records in the synthetic collection", positiveInt("--rows"), 1_000_000)
  .option("--work-dir <dir>", "working folder (its own store, file and index; default <tmp>/glam-bench-scale-<rows>)")
  .option("--queries <n>", "distinct queries in the fixed mix", positiveInt("--queries"), 1000)
  .option("--duration <seconds>", "seconds of the 20-client load run", positiveInt("--duration"), 30)
  .option("--port <port>", "port for the server on 127.0.0.1", positiveInt("--port"), 3205)
  .option("--heap-mib <n>", "V8 heap limit for the server (the embedded index lives in it)", positiveInt("--heap-mib"), 8192)
  .option("--skip-http", "in-process figures only (no server)")
  .option("--rebuild", "run next build even when .next exists (the server runs the built code, not the sources)");

function bar(label: string): SingleBar {
  return new SingleBar({ format: `${label} {bar} {percentage}% | {value}/{total}`, hideCursor: true }, Presets.shades_classic);
}

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const dataDir = process.env.BL_DATA_DIR;
  const workDir = path.resolve(opts.workDir ?? path.join(os.tmpdir(), `glam-bench-scale-${opts.rows}`));
  fs.mkdirSync(workDir, { recursive: true });
  const out: string[] = [];
  const say = (line: string) => {
    console.log(line);
    out.push(line);
  };
  say(`# npm run bench:scale  ${new Date().toISOString()}`);
  say(formatMachine(getMachineInfo()));
  say(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  const file = path.join(workDir, `collection-${opts.rows}.csv`);
  if (!fs.existsSync(file)) {
    if (!dataDir) throw new BenchSetupError(`BL_DATA_DIR is not set: it must name the folder holding ${COLLECTION_FILE}, which is resampled`);
    const b = bar("resample");
    b.start(opts.rows, 0);
    const t0 = performance.now();
    const r = await writeResampledCollection({ input: path.join(dataDir, COLLECTION_FILE), output: `${file}.partial`, rows: opts.rows, seed: 20261125, onProgress: (done) => b.update(done) });
    b.stop();
    fs.renameSync(`${file}.partial`, file);
    say(`synthetic collection: ${r.rows} records resampled from ${r.sourceRows} in ${((performance.now() - t0) / 1000).toFixed(1)} s (${(r.bytes / 2 ** 20).toFixed(0)} MiB)`);
  } else say(`synthetic collection: reusing ${file}`);

  const b = bar("ingest");
  let started = false;
  const ds = await ensureBenchDataset({
    workDir,
    dataDir,
    input: file,
    onProgress: (phase, done, total) => {
      if (phase !== "write") return;
      if (!started) {
        b.start(total, 0);
        started = true;
      }
      b.update(done);
    },
  });
  if (started) b.stop();
  say(`dataset: ${ds.records} records in ${ds.storeFile} (${(fs.statSync(ds.storeFile).size / 2 ** 20).toFixed(0)} MiB)`);
  say(ds.ingestSeconds === null ? "ingest: store reused (delete the work dir to time it)" : `ingest: ${ds.ingestSeconds.toFixed(1)} s (${(ds.records / ds.ingestSeconds).toFixed(0)} records/s)`);
  if (ds.synthetic.length > 0) say(`predictions: SYNTHETIC (hash-derived) for ${ds.synthetic.join(", ")}, so the ML facets carry full-size load`);

  const engine = await runEngineSection(ds.storeFile, (docs) => buildQueryMix(docs, { count: opts.queries }));
  const rssInProcess = process.memoryUsage().rss / 2 ** 20;
  say(`engine in process: store -> docs -> index ${engine.buildSeconds.toFixed(1)} s (CPU ${engine.buildCpuSeconds.toFixed(1)} s), heap ${engine.heapMiB.toFixed(0)} MiB, RSS ${rssInProcess.toFixed(0)} MiB`);
  say(`  search (query + 2 filters + all facets): ${formatLatency(engine.latency)}; CPU ${engine.cpuMsPerSearch.toFixed(2)} ms/search`);
  const emptyQuery = engine.queries.filter((q) => q.q.trim() === "");
  say(`  queries without words (facet counts over every record): ${emptyQuery.length} of ${engine.queries.length}`);
  const apiPaths = engine.queries.map((q) => toSearchHref(q, "/api/search"));

  let http: { seqP95: number; rps: number; p99: number; errors: number; rssMiB: number; readyS: number } | null = null;
  if (!opts.skipHttp) {
    const cwd = process.cwd();
    // The result cache is off: these are the engine's own figures.
    const env = { ...process.env, WORK_DIR: workDir, BENCH: "1", NEXT_TELEMETRY_DISABLED: "1", SEARCH_CACHE_MB: "0", NODE_OPTIONS: `--max-old-space-size=${opts.heapMib}` };
    if (opts.rebuild || !hasBuild(cwd)) say(`next build: ${(await buildNext(cwd, env)).toFixed(1)} s`);
    const server = await startNext({ cwd, port: opts.port, env, readyTimeoutMs: 30 * 60_000 });
    try {
      say(`server: scripts/serve.ts with --max-old-space-size=${opts.heapMib}, healthy after ${(server.readyMs / 1000).toFixed(1)} s (index built at start), RSS ${server.rssMiB().toFixed(0)} MiB`);
      const seq = await runSequential(server.url, apiPaths);
      say(`/api/search sequential: ${formatLatency(seq.latency)}; errors ${seq.errors}`);
      const load = await runLoad(server.url, apiPaths, 20, opts.duration);
      say(`/api/search load ${formatLoad(load)}`);
      const rss = server.rssMiB();
      say(`server RSS after load: ${rss.toFixed(0)} MiB`);
      http = { seqP95: seq.latency.p95, rps: load.rps, p99: load.latency.p99, errors: load.errors + load.non2xx, rssMiB: rss, readyS: server.readyMs / 1000 };
    } finally {
      await server.stop();
    }
  }
  for (const l of formatScaleVerdict({ records: ds.records, cpuMsPerSearch: engine.cpuMsPerSearch, p95Ms: engine.latency.p95, buildSeconds: engine.buildSeconds, heapMiB: engine.heapMiB, http })) say(l);

  writeBenchReport(workDir, "bench-scale", out);
  return 0;
}

runBench("bench:scale", main);
