/**
 * The end-to-end tests' web server: ingests the hand-written fixture collection (and fixture
 * prediction versions) into a fresh temporary WORK_DIR, builds the app if the build is missing or
 * stale, and serves it as `npm start` does (scripts/serve.ts). Playwright starts it (see playwright.config.ts).
 *
 *   npx tsx e2e/serve-fixture.ts --port 3300
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { parseRecordsFile } from "@/lib/records/parse";
import { getBuildState } from "@/lib/setup/build";
import { buildServeCommand } from "@/lib/setup/serve-command";
import { openStore } from "@/lib/store";
import { writeFixtureModelArtifacts } from "@/lib/testing/about-model";
import { loadFixturePredictions } from "./fixture-predictions";

const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURES = path.join(ROOT, "e2e", "fixtures");
const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");

const program = new Command()
  .name("serve-fixture")
  .description("Serve the app on the e2e fixture collection, from a fresh temporary WORK_DIR.")
  .option("--port <port>", "port to listen on (127.0.0.1)", process.env.E2E_PORT ?? "3300")
  .option("--collection <file>", "collection CSV", path.join(FIXTURES, "collection.csv"))
  .option("--predictions <file>", "prediction versions CSV (empty string for none)", path.join(FIXTURES, "predictions.csv"))
  .option("--keep", "keep the temporary WORK_DIR after exit", false)
  .option("--model", "write the hand-built fixture genre model folder (metrics, card) into WORK_DIR/models/genre", false)
  .option("--labels <csv>", "labelled-sample CSV to serve as <WORK_DIR>/data/annotations/train_valid.csv (pair with BL_DATA_DIR unset)");

async function main() {
  const opts = program.parse().opts();
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, got "${opts.port}"`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-work-"));
  console.log(`[serve-fixture] WORK_DIR ${workDir}`);

  const parsed = await parseRecordsFile(opts.collection);
  if (parsed.rejected.length > 0) {
    const first = parsed.rejected[0];
    throw new Error(`${opts.collection}: ${parsed.rejected.length} rows rejected, first at line ${first?.line}: ${first?.reason}`);
  }
  const store = openStore(path.join(workDir, "store.sqlite"));
  try {
    const summary = store.upsertRecords(parsed.records);
    console.log(`[serve-fixture] ingested ${summary.inserted} records from ${path.relative(ROOT, opts.collection)}`);
    if (opts.predictions) {
      const loaded = loadFixturePredictions(store, opts.predictions);
      console.log(`[serve-fixture] stored ${loaded.versions} prediction versions (${loaded.rows} predictions)`);
    }
  } finally {
    store.close();
  }

  if (opts.model) {
    const { version } = await writeFixtureModelArtifacts(workDir);
    console.log(`[serve-fixture] fixture genre model ${version}`);
  }
  if (opts.labels) {
    fs.mkdirSync(path.join(workDir, "data", "annotations"), { recursive: true });
    fs.copyFileSync(opts.labels, path.join(workDir, "data", "annotations", "train_valid.csv"));
  }

  const build = getBuildState(ROOT);
  if (build.state !== "fresh") {
    console.log(`[serve-fixture] build ${build.state}: running next build`);
    const result = spawnSync(NEXT_BIN, ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  }

  console.log(`[serve-fixture] serving on http://127.0.0.1:${port}`);
  const serve = buildServeCommand(ROOT, Number(port), "127.0.0.1");
  const server = spawn(serve.command, serve.args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, WORK_DIR: workDir, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", MEILI_URL: "" },
  });
  const cleanup = () => {
    if (!opts.keep) fs.rmSync(workDir, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.kill(signal);
    });
  }
  server.on("exit", (code, signal) => {
    cleanup();
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch((error: unknown) => {
  console.error(`[serve-fixture] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
