import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { getServerEnv, workPaths } from "@/lib/env";
import { formatMachine, getMachineInfo } from "@/scripts/bench/machine";
import { formatExportSection, runExportSection } from "@/scripts/bench/export-section";
import { formatMlFacetsSection, MlFacetsBenchError, runMlFacetsSection } from "@/scripts/bench/ml-facets-section";

/** `npm run bench:facets`: time generating every ML facet for the whole store + switching the index. */
const program = new Command()
  .name("bench:facets")
  .description("Time generating every machine facet for all records in a store and switching the search index (issue 4 target: <= 15 s).")
  .option("--work-dir <dir>", "working folder holding store.sqlite (its prediction versions grow by one per generator and run; default: $WORK_DIR or ./work)")
  .option("--model-work-dir <dir>", "working folder whose models/genre holds the genre model (default: the --work-dir)")
  .option("--runs <n>", "repeat and report each run", (v) => Number.parseInt(v, 10), 1);

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const workDir = path.resolve(opts.workDir ?? getServerEnv().WORK_DIR);
  if (!Number.isInteger(opts.runs) || opts.runs < 1) {
    console.error(`bench:facets: --runs must be a whole number >= 1, got ${String(opts.runs)}`);
    return 2;
  }
  console.log(`# npm run bench:facets  ${new Date().toISOString()}`);
  console.log(formatMachine(getMachineInfo()));
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews figures)`);
  const totals: number[] = [];
  for (let run = 1; run <= opts.runs; run++) {
    try {
      const s = await runMlFacetsSection({ storeFile: workPaths({ WORK_DIR: workDir }).store, modelWorkDir: path.resolve(opts.modelWorkDir ?? workDir) });
      console.log(`run ${run}/${opts.runs}`);
      for (const l of formatMlFacetsSection(s)) console.log(l);
      totals.push(s.totalSeconds);
      if (run === opts.runs) for (const format of ["csv", "json"] as const) console.log(formatExportSection(await runExportSection(s.engine, format)));
    } catch (error) {
      if (error instanceof MlFacetsBenchError) {
        console.error(`bench:facets: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }
  if (totals.length > 1) {
    const sorted = [...totals].sort((a, b) => a - b);
    console.log(`median over ${totals.length} runs: ${sorted[Math.floor((sorted.length - 1) / 2)]!.toFixed(2)} s`);
  }
  return 0;
}

process.exitCode = await main();
