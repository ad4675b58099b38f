import { z } from "zod";
import type { JobServices } from "./services";
import type { Job, RegenerateOptions } from "./types";
import { TRAINABLE } from "./facet-work";

export class RegenerateRequestError extends Error {
  override name = "RegenerateRequestError";
}

export const regenerateOptionsSchema = z.object({
  mode: z.enum(["repredict", "retrain"], { error: 'mode must be "repredict" or "retrain"' }),
  generators: z.array(z.string().min(1)).min(1, "choose at least one facet to regenerate"),
});

/** Validate a request against the generators this installation has. Throws with a message for the user. */
export function parseRegenerateOptions(input: unknown, known: readonly string[]): RegenerateOptions {
  const parsed = regenerateOptionsSchema.safeParse(input);
  if (!parsed.success) throw new RegenerateRequestError(parsed.error.issues.map((i) => i.message).join("; "));
  const generators = [...new Set(parsed.data.generators)];
  const unknown = generators.filter((g) => !known.includes(g));
  if (unknown.length) throw new RegenerateRequestError(`unknown facet generator(s): ${unknown.join(", ")} (known: ${known.join(", ") || "none"})`);
  if (parsed.data.mode === "retrain" && !generators.some((g) => TRAINABLE[g])) {
    throw new RegenerateRequestError(`retraining applies to ${Object.keys(TRAINABLE).join(", ")}; select it, or choose re-predict`);
  }
  // Run in the registry's order, whatever order the form sent.
  return { mode: parsed.data.mode, generators: known.filter((g) => generators.includes(g)) };
}

/** Queue a job (takes the lock or throws JobLockedError) and hand it to a worker. */
export function startRegeneration(services: Pick<JobServices, "jobs" | "sweep">, options: RegenerateOptions, requestedBy: string, launch: (jobId: number) => number | void): Job {
  const job = services.jobs.createJob({ kind: "regenerate", options, requestedBy }, services.sweep);
  try {
    const pid = launch(job.id);
    if (typeof pid === "number") services.jobs.assignWorker(job.id, pid, services.sweep.host);
  } catch (err) {
    services.jobs.finish(job.id, "failed", { error: `could not start the worker: ${(err as Error).message}` });
    throw err;
  }
  return services.jobs.getJob(job.id)!;
}
