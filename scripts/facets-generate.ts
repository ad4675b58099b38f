import { Command } from "@commander-js/extra-typings";
import { Presets, SingleBar } from "cli-progress";
import { getServerEnv, workPaths } from "@/lib/env";
import { generateFacets, GenerateError, type GenerateSummary } from "@/lib/facets/generate";
import { getGenerators } from "@/lib/facets/generators";
import { createGenreGenerator } from "@/lib/facets/generators/genre";
import { syncPromotedFacets } from "@/lib/promotion/sync";
import { openSqliteStore } from "@/lib/store";

/**
 * `npm run facets:generate`: run every registered ML facet generator over the records in the
 * store, store each result as a new prediction version and make it current.
 */
const program = new Command()
  .name("facets:generate")
  .description("Generate every machine facet (genre, language, ...) for all records in the store; each run is a new stored version made current.")
  .option("--work-dir <dir>", "working folder holding store.sqlite (default: $WORK_DIR or ./work)")
  .option("--generators <names>", "comma-separated generator names (default: all registered)")
  .option("--skip-up-to-date", "leave generators whose current version came from the same model and records", false)
  .option("--batch-size <n>", "records per predict call", (v) => Number.parseInt(v, 10), 5000)
  .option("--json", "print the summary as JSON", false)
  .option("--no-progress", "do not draw a progress bar");

function printSummary(summary: GenerateSummary): void {
  console.log(`Generated machine facets for ${summary.records} records in ${(summary.durationMs / 1000).toFixed(2)} s`);
  for (const g of summary.generators) {
    if (g.skipped) {
      console.log(`  ${g.generator}: up to date (${g.version}), skipped`);
      continue;
    }
    console.log(
      `  ${g.generator}: version ${g.version} (${g.predictions} predictions, ${g.noPrediction} without, ${(g.durationMs / 1000).toFixed(2)} s); ` +
        `${g.changed} changed since ${g.previousVersion ?? "no previous version"} (${g.added} new, ${g.removed} dropped)`,
    );
    for (const e of g.examples) console.log(`      ${e.recordId} "${e.title.slice(0, 60)}": ${e.before ?? "-"} -> ${e.after ?? "-"}`);
  }
}

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const paths = workPaths({ WORK_DIR: opts.workDir ?? env.WORK_DIR });
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    console.error(`facets:generate: --batch-size must be a positive integer, got ${String(opts.batchSize)}`);
    return 2;
  }
  const store = openSqliteStore(paths.store);
  // Facets promoted from open facets are generated too, from this working folder's vectors.
  syncPromotedFacets(store.db, { workDir: paths.root });
  // The genre model is read from the same working folder as the store (--work-dir), not only $WORK_DIR.
  const registered = getGenerators().map((g) => (g.name === "genre" ? createGenreGenerator({ workDir: paths.root }) : g));
  let generators = registered;
  if (opts.generators) {
    const wanted = opts.generators.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = wanted.filter((n) => !registered.some((g) => g.name === n));
    if (unknown.length > 0) {
      console.error(`facets:generate: unknown generator(s) ${unknown.join(", ")}; registered: ${registered.map((g) => g.name).join(", ")}`);
      store.close();
      return 2;
    }
    generators = registered.filter((g) => wanted.includes(g.name));
  }

  const bar = new SingleBar({ format: "{generator} {phase} {bar} {percentage}% | {value}/{total} records", hideCursor: true }, Presets.shades_classic);
  let barOn = false;
  try {
    if (store.countRecords() === 0) {
      console.error(`facets:generate: the store ${paths.store} has no records; run \`npm run ingest\` first.`);
      return 2;
    }
    const summary = await generateFacets(store, {
      generators,
      batchSize: opts.batchSize,
      skipUpToDate: opts.skipUpToDate,
      onProgress: opts.progress
        ? (p) => {
            if (!barOn) {
              bar.start(p.total, p.done, { generator: p.generator, phase: p.phase });
              barOn = true;
            }
            bar.setTotal(p.total);
            bar.update(p.done, { generator: p.generator, phase: p.phase });
            if (p.phase === "done" || p.phase === "skipped") {
              bar.stop();
              barOn = false;
            }
          }
        : undefined,
    });
    if (barOn) bar.stop();
    if (opts.json) console.log(JSON.stringify(summary, null, 2));
    else printSummary(summary);
    return 0;
  } catch (error) {
    if (barOn) bar.stop();
    if (error instanceof GenerateError) {
      console.error(`facets:generate: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    store.close();
  }
}

process.exitCode = await main();
