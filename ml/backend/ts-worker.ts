import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * A worker thread running a TypeScript module. Node 20 does not pass the parent's tsx loader on
 * to worker threads, so a one-line bootstrap registers tsx inside the worker before importing it.
 *
 * `commonjs: true` loads the module through tsx's require hook instead of its ES module loader:
 * the loader runs its hooks on a thread of its own and answers every import through it, which
 * made a worker's start-up about twice as long (measured 410-510 ms against 180-230 ms for the
 * prediction worker). The module must then work as CommonJS: no top-level await, no import.meta.
 */
export function startTsWorker(module: URL, workerData: unknown, options: { commonjs?: boolean } = {}): Worker {
  const code = options.commonjs
    ? `require("tsx/cjs/api").register(); require(${JSON.stringify(fileURLToPath(module))});`
    : `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { eval: true, workerData });
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
