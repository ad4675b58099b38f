import { hostname } from "node:os";
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { getGenerator } from "@/lib/facets/generators";
import { buildFacetWork } from "@/lib/jobs/facet-work";
import { runRegenerateJob } from "@/lib/jobs/run";
import { openJobServices } from "@/lib/jobs/services";
import { syncPromotedFacets } from "@/lib/promotion/sync";

/**
 * The regeneration worker: runs one queued job and exits. Spawned (detached) by the web server,
 * or by `npm run facets:regenerate -- --detach`. It writes only to the store.
 */
const program = new Command()
  .name("worker")
  .description("Run one queued facet-regeneration job from the store, then exit.")
  .requiredOption("--job <id>", "id of the queued job", (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive whole number");
    return n;
  })
  .option("--batch-size <n>", "records per prediction batch (finer progress and cancel checks when smaller)", (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive whole number");
    return n;
  });

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const services = openJobServices();
  // Promoted open facets have generators too; the job may name them.
  syncPromotedFacets(services.store.db);
  let stopChild: (() => void) | undefined;
  const stop = () => stopChild?.();
  process.on("SIGTERM", stop);
  try {
    const work = buildFacetWork({ store: services.store, getGenerator, ...(opts.batchSize ? { batchSize: opts.batchSize } : {}), onChild: (kill) => (stopChild = kill) });
    const job = await runRegenerateJob(services, opts.job, work, { host: hostname(), onStop: stop });
    console.log(`job ${job.id}: ${job.state}${job.error ? ` - ${job.error}` : ""}`);
    return job.state === "done" ? 0 : 1;
  } finally {
    services.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`worker: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
