import { Command } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { getServerEnv } from "@/lib/env";
import { DataDownloadError, ensureData } from "@/lib/records/download";

/** `npm run data:download`: fetch the public BL data unless BL_DATA_DIR or <WORK_DIR>/data already has it. */
const program = new Command()
  .name("data:download")
  .description("Download the public BL collection export and genre labels into <work-dir>/data, unless BL_DATA_DIR already holds them (see docs/data.md).")
  .option("--work-dir <dir>", "working folder (default: $WORK_DIR or ./work)")
  .option("--timeout <seconds>", "give up on a server that does not answer", (v) => Number(v), 60);

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const bar = new SingleBar({ format: "{file} {bar} {percentage}% | {mb} MB", hideCursor: true }, Presets.shades_classic);
  let current: string | null = null;
  try {
    const result = await ensureData({
      env: { BL_DATA_DIR: env.BL_DATA_DIR, WORK_DIR: opts.workDir ?? env.WORK_DIR },
      timeoutMs: opts.timeout * 1000,
      onProgress: (p) => {
        if (p.file !== current) {
          if (current !== null) bar.stop();
          current = p.file;
          // Without Content-Length the bar cannot show a fraction; it still shows megabytes.
          bar.start(p.total ?? 0, 0, { file: p.file, mb: "0.0" });
        }
        if (p.total === null) bar.setTotal(p.bytes);
        bar.update(p.bytes, { mb: (p.bytes / 1e6).toFixed(1) });
      },
    });
    if (current !== null) bar.stop();
    if (result.downloaded.length === 0) console.log(`Data already present in ${result.dir} (from ${result.origin}); nothing to download.`);
    else console.log(`Downloaded ${result.downloaded.join(", ")} into ${result.dir}.`);
    return 0;
  } catch (error) {
    if (current !== null) bar.stop();
    if (error instanceof DataDownloadError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
