import { Worker } from "node:worker_threads";

/**
 * A worker thread running a TypeScript module. Node 20 does not pass the parent's tsx loader on
 * to worker threads, so a one-line bootstrap registers tsx inside the worker before importing it.
 */
export function startTsWorker(module: URL, workerData: unknown): Worker {
  return new Worker(`import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(module.href)}); });`, { eval: true, workerData });
}

/** Starts `size` workers with `spawn`; if any fails to start, closes those started and rethrows. */
export async function startAll<T>(size: number, spawn: () => Promise<T>, close: () => Promise<void>): Promise<T[]> {
  try {
    return await Promise.all(Array.from({ length: size }, spawn));
  } catch (error) {
    await close();
    throw error;
  }
}
