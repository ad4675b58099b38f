import type { EnqueuedTaskPromise, Task } from "meilisearch";
import { SearchUnavailableError } from "@/lib/search/errors";

/** A Meilisearch task that finished in any state but "succeeded" (or could not be awaited). */
export class MeiliTaskError extends Error {
  override name = "MeiliTaskError";
  constructor(
    readonly what: string,
    readonly task: Task | null,
    options?: { cause?: unknown },
  ) {
    const detail = task?.error ? `${task.error.code}: ${task.error.message}` : task ? `status ${task.status}` : "not awaited";
    super(`Meilisearch task failed (${what}): ${detail}`, options);
  }
}

export const TASK_TIMEOUT_MS = 10 * 60_000;

/**
 * Awaits an enqueued task and checks how it ended: every write to Meilisearch goes through here,
 * so a failed settings update or document batch can never pass silently.
 */
export async function awaitTask(what: string, enqueued: EnqueuedTaskPromise, timeout = TASK_TIMEOUT_MS): Promise<Task> {
  let task: Task;
  try {
    task = await enqueued.waitTask({ timeout, interval: 50 });
  } catch (cause) {
    if (isUnreachable(cause)) throw new SearchUnavailableError(`Meilisearch unreachable (${what})`, { cause });
    throw new MeiliTaskError(what, null, { cause });
  }
  if (task.status !== "succeeded") throw new MeiliTaskError(what, task, { cause: task.error ?? undefined });
  return task;
}

/** Network failure or timeout reaching the server (as opposed to an API error it answered). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof Error && (error.name === "MeilisearchRequestError" || error.name === "MeilisearchRequestTimeOutError");
}
