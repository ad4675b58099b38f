import fs from "node:fs";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { getServerEnv } from "@/lib/env";
import { vectorFilePath } from "@/lib/open-facets/paths";
import { writeBookVectors } from "@/lib/setup/vectors-step";
import { openStore } from "@/lib/store";
import { DEFAULT_EMBED_CONFIG } from "@/ml/vectors/embed";

/** `npm run vectors:build`: a vector per book in the store, for open facets (issue 9). */
const int = (v: string) => Number.parseInt(v, 10);
const program = new Command()
  .name("vectors:build")
  .description("Compute an int8 vector for every book in the store (hashed TF-IDF of title + catalogue fields, random projection) into <work-dir>/vectors/.")
  .option("--work-dir <dir>", "working folder holding store.sqlite (default: $WORK_DIR)")
  .option("--dims <n>", "dimensions", int, DEFAULT_EMBED_CONFIG.dims)
  .option("--no-progress", "no progress bar");

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const workDir = opts.workDir ?? getServerEnv().WORK_DIR;
  const storeFile = path.join(workDir, "store.sqlite");
  if (!fs.existsSync(storeFile)) {
    console.error(`vectors:build: no store at ${storeFile}: run npm run ingest first`);
    return 2;
  }
  if (!Number.isInteger(opts.dims) || opts.dims < 8 || opts.dims > 1024) {
    console.error(`vectors:build: --dims must be an integer in 8..1024, got ${String(opts.dims)}`);
    return 2;
  }
  const store = openStore(storeFile);
  const records = [...store.iterateRecords()];
  store.close();
  if (records.length === 0) {
    console.error(`vectors:build: the store at ${storeFile} has no records: run npm run ingest first`);
    return 2;
  }
  const started = performance.now();
  const bar = new SingleBar({ format: "vectors {bar} {value}/{total} books", hideCursor: true }, Presets.shades_classic);
  if (opts.progress) bar.start(records.length, 0);
  const file = vectorFilePath(workDir);
  const bytes = writeBookVectors(file, records, { ...DEFAULT_EMBED_CONFIG, dims: opts.dims }, (d) => opts.progress && bar.update(d));
  if (opts.progress) bar.stop();
  console.log(`${records.length} vectors of ${opts.dims} dims in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${file} (${(bytes / 1e6).toFixed(2)} MB)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`vectors:build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
