import fs from "node:fs";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { getServerEnv, workPaths } from "@/lib/env";
import { COLLECTION_FILE, chooseDataDir } from "@/lib/records/data-files";
import { formatIngestSummary, ingestRecords } from "@/lib/records/ingest";
import { RecordsFileError } from "@/lib/records/parse";
import { openStore } from "@/lib/store";

/** `npm run ingest`: load a BL catalogue CSV into the store (one transaction; re-running changes nothing). */
const program = new Command()
  .name("ingest")
  .description("Load a CSV in the BL catalogue export format into the store. Bad rows go to <work-dir>/rejects/<name>.rejects.csv.")
  .option("--input <csv>", `CSV to load (default: $BL_DATA_DIR/${COLLECTION_FILE}, or the downloaded copy in <work-dir>/data)`)
  .option("--work-dir <dir>", "working folder for the store and rejects (default: $WORK_DIR or ./work)")
  .option("--no-progress", "do not draw a progress bar");

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const paths = workPaths({ WORK_DIR: opts.workDir ?? env.WORK_DIR });
  const input = opts.input ?? path.join(chooseDataDir({ BL_DATA_DIR: env.BL_DATA_DIR, WORK_DIR: paths.root }).dir, COLLECTION_FILE);
  if (!fs.existsSync(input)) {
    console.error(
      `ingest: input file not found: ${input}\n` +
        (opts.input
          ? "Check the --input path."
          : `Set BL_DATA_DIR to the folder holding ${COLLECTION_FILE}, pass --input <csv>, or run \`npm run data:download\` (see docs/data.md).`),
    );
    return 2;
  }

  const bar = new SingleBar(
    { format: "{phase} {bar} {percentage}% | {value}/{total} {unit}", hideCursor: true, noTTYOutput: false },
    Presets.shades_classic,
  );
  let phase: "read" | "write" | null = null;
  const store = openStore(paths.store);
  try {
    const result = await ingestRecords({
      input,
      store,
      rejectsDir: paths.rejects,
      onProgress: opts.progress
        ? (p, done, total) => {
            if (p !== phase) {
              if (phase !== null) bar.stop();
              phase = p;
              bar.start(total, 0, { phase: p === "read" ? "reading" : "storing", unit: p === "read" ? "bytes" : "records" });
            }
            bar.update(done);
          }
        : undefined,
    });
    if (phase !== null) bar.stop();
    console.log(formatIngestSummary(result));
    console.log(`  store: ${paths.store}`);
    return 0;
  } catch (error) {
    if (phase !== null) bar.stop();
    if (error instanceof RecordsFileError) {
      console.error(`ingest: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
}

process.exitCode = await main();
