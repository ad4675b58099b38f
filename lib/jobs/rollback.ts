import type { JobServices } from "./services";
import type { Job, RegenerateOptions } from "./types";
import { diffPredictionVersions } from "@/lib/store/prediction-diff";

export class RollbackError extends Error {
  override name = "RollbackError";
}

/**
 * Versions a rollback may return to: those that were published once (by a finished job, or by
 * a direct `facets:generate`), not the half-finished output of failed or cancelled jobs.
 */
export function isPublishable(services: Pick<JobServices, "jobs">, meta: Record<string, unknown>): boolean {
  const jobId = meta.jobId;
  if (typeof jobId !== "number") return true;
  return services.jobs.getJob(jobId)?.state === "done";
}

/**
 * Make an earlier version of one generator current again, in one transaction with its history
 * entry. Refused while a regeneration job is queued or running (its publish would undo it).
 */
export function rollbackTo(services: Pick<JobServices, "store" | "jobs" | "sweep">, generator: string, version: string, requestedBy: string): Job {
  const { store, jobs } = services;
  return jobs.transaction(() => {
    jobs.sweepStale(services.sweep);
    const active = jobs.getActiveJob();
    if (active) throw new RollbackError(`job ${active.id} is ${active.state}; wait for it to finish or cancel it before rolling back`);
    const target = store.listPredictionVersions(generator).find((v) => v.version === version);
    if (!target) throw new RollbackError(`no version ${version} of facet generator "${generator}"`);
    if (!isPublishable(services, target.meta)) throw new RollbackError(`version ${version} comes from a job that did not finish; it was never published`);
    const previous = store.getCurrentVersion(generator);
    if (previous === version) throw new RollbackError(`version ${version} is already current for "${generator}"`);
    store.setCurrentVersion(generator, version);
    const diff = diffPredictionVersions(store.db, generator, previous, version);
    return jobs.recordInstant(
      "rollback",
      { generator, version, previous },
      requestedBy,
      { outcomes: [{ generator, version, previous, records: target.records, changed: diff.changed, examples: diff.examples, meta: target.meta }] },
      `${requestedBy} made ${generator} version ${version} current again (was ${previous ?? "none"})`,
    );
  });
}

export function isRegenerateOptions(o: Job["options"]): o is RegenerateOptions {
  return "mode" in o;
}
