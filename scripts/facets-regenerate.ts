import { hostname, userInfo } from "node:os";
import { Command, Option } from "@commander-js/extra-typings";
import { SingleBar, Presets } from "cli-progress";
import { getGenerator } from "@/lib/facets/generators";
import { buildFacetWork } from "@/lib/jobs/facet-work";
import { runRegenerateJob } from "@/lib/jobs/run";
import { openJobServices } from "@/lib/jobs/services";
import { getGeneratorNames } from "@/lib/promotion/sync";
import { spawnWorker } from "@/lib/jobs/spawn";
import { parseRegenerateOptions, RegenerateRequestError, startRegeneration } from "@/lib/jobs/start";
import { JobLockedError } from "@/lib/store/jobs";

/**
 * `npm run facets:regenerate`: the same job as the admin page's Regenerate button, from the
 * command line. It takes the same single-job lock, so it cannot run beside a web-started job.
 */
const program = new Command()
  .name("facets:regenerate")
  .description("Regenerate machine-generated facets as a tracked job (history, rollback) and make the new versions current at the end.")
  .addOption(new Option("--mode <mode>", "re-predict with the current model, or retrain first").choices(["repredict", "retrain"] as const).default("repredict" as const))
  .option("--facets <names>", "comma-separated generator names (default: all registered)")
  .option("--as <who>", "who the history records as running it", `cli:${safeUser()}`)
  .option("--detach", "queue the job and start a background worker instead of running here")
  .option("--batch-size <n>", "records per prediction batch", (v) => Number(v));

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const services = openJobServices();
  try {
    // Promoted open facets have generators too.
    const known = getGeneratorNames(services.store.db);
    const options = parseRegenerateOptions({ mode: opts.mode, generators: opts.facets ? opts.facets.split(",").map((s) => s.trim()).filter(Boolean) : known }, known);
    if (services.store.countRecords() === 0) throw new RegenerateRequestError("the store has no records; run `npm run ingest` first");
    if (opts.detach) {
      const job = startRegeneration(services, options, opts.as, (id) => spawnWorker(id));
      console.log(`job ${job.id} queued; a worker is running it in the background. Follow it at /admin.`);
      return 0;
    }
    const job = startRegeneration(services, options, opts.as, () => undefined);
    console.log(`job ${job.id}: ${options.mode} ${options.generators.join(", ")}`);
    const bar = new SingleBar({ format: "{bar} {percentage}% | {stage} | {records}", hideCursor: true }, Presets.shades_classic);
    bar.start(100, 0, { stage: "queued", records: "" });
    let stopChild: (() => void) | undefined;
    // Ctrl-C cancels the job cleanly (recorded as cancelled, training process stopped).
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        bar.stop();
        console.error(`\n${signal}: cancelling job ${job.id}…`);
        services.jobs.requestCancel(job.id, opts.as);
        stopChild?.();
      });
    }
    const work = buildFacetWork({ store: services.store, getGenerator, ...(opts.batchSize ? { batchSize: opts.batchSize } : {}), onChild: (kill) => (stopChild = kill) });
    const final = await runRegenerateJob(services, job.id, work, {
      host: hostname(),
      onStop: () => stopChild?.(),
      onProgress: (p) => bar.update(Math.round(p.percent), { stage: p.stage, records: p.recordsTotal ? `${p.recordsDone}/${p.recordsTotal} records` : "" }),
    });
    bar.stop();
    if (final.state !== "done") {
      console.error(`job ${final.id} ${final.state}: ${final.error ?? ""}`);
      return 1;
    }
    for (const o of final.result?.outcomes ?? []) {
      console.log(`${o.generator}: now ${o.version} (was ${o.previous ?? "none"}); ${o.changed} of ${o.records} records changed value`);
      for (const e of o.examples) console.log(`  ${e.recordId} "${(e.title ?? "").slice(0, 60)}": ${e.from ?? "-"} -> ${e.to ?? "-"}`);
    }
    return 0;
  } finally {
    services.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof JobLockedError || err instanceof RegenerateRequestError) console.error(`facets:regenerate: ${err.message}`);
    else console.error("facets:regenerate:", err);
    process.exit(2);
  },
);
