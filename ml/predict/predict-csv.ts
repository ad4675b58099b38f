/**
 * CSV in, CSV out: one output row per accepted input record
 * (`BL record ID,genre,genre_confidence,p_fiction,model_version`). Rows the scanner or the
 * checks reject (no id or no title, broken quoting, wrong cell count) go to a rejects CSV with
 * their line number and are counted: nothing is dropped silently.
 *
 * The file is cut into byte ranges at line breaks; worker threads and the main thread claim
 * ranges from a shared counter and read, scan, hash and score whole ranges (no rows cross
 * threads, only each range's output bytes), and the main thread writes the outputs in file
 * order. Measured on the 1,000,000-record resampled collection: see `npm run bench:ml` and
 * ml/README.md.
 */
import fs from "node:fs";
import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { startTsWorker } from "@/ml/backend/ts-worker";
import type { RejectedRow } from "@/lib/records/types";
import type { GenreModel } from "@/ml/model/artifacts";
import { loadScoringModel } from "@/ml/model/folded-weights";
import { readCsvHeader, splitAtLineBreaks } from "./csv-ranges";
import { PredictionInputError, predictRange, toPredictionColumns, type RangeJob, type RangeResult } from "./predict-range";
import type { WorkerPlan, WorkerReply } from "./score-worker";

export { PredictionInputError } from "./predict-range";

export const OUTPUT_COLUMNS = ["BL record ID", "genre", "genre_confidence", "p_fiction", "model_version"] as const;

export interface PredictCsvOptions {
  input: string;
  output: string;
  rejectsFile: string;
  modelDir: string;
  /** Worker threads for scoring besides the main thread, which scores too; 0 scores on the main thread only. */
  workers: number;
  /** Inputs smaller than this are scored on the main thread whatever `workers` says. */
  minBytesForWorkers?: number;
  /** Target size of one byte range (default 4 MiB: 1M records ran 8% faster than with 8 MiB, mean of 5 runs each). */
  rangeBytes?: number;
  onProgress?: (bytesRead: number, totalBytes: number, records: number) => void;
}

export interface PredictCsvSummary {
  modelVersion: string;
  rows: number;
  written: number;
  rejected: number;
  fiction: number;
  seconds: number;
  /** Process CPU seconds (main thread and workers): on a shared machine wall time overstates the cost. */
  cpuSeconds: number;
  recordsPerSecond: number;
  rejectsFile: string | null;
  /** Byte ranges the file was cut into, and those whose cut fell inside a row (a quoted line break): re-read from the row's start, or skipped when that row covered them. */
  ranges: number;
  misalignedRanges: number;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Scoring workers, started at once (before the header and the model are read). Once the main
 * thread has the model and the ranges, `plan` sends them with a shared counter from which the
 * workers and the main thread claim ranges in file order; the workers send back each range's
 * result, which `result(k)` gives.
 */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: RangeResult) => void; reject: (e: unknown) => void }>();
  private readonly arrived = new Map<number, RangeResult>();
  private closing = false;
  /** Set when a worker failed: the ranges waited for are failed, and the caller stops. */
  failure: Error | null = null;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = startTsWorker(new URL("./score-worker.ts", import.meta.url), null, { commonjs: true });
      this.workers.push(worker);
      worker.on("error", (error) => this.fail(new Error("A scoring worker failed", { cause: error })));
      worker.on("exit", (code) => {
        if (!this.closing) this.fail(new Error(`A scoring worker stopped (exit code ${code})`));
      });
      worker.on("message", (msg: WorkerReply) => {
        if ("error" in msg) return this.fail(new Error(`A scoring worker failed on a range: ${msg.error}`));
        const waiting = this.waiting.get(msg.k);
        this.waiting.delete(msg.k);
        if (waiting) waiting.resolve(msg.result);
        else this.arrived.set(msg.k, msg.result);
      });
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    // A dead worker would leave its ranges waiting forever: fail them all.
    for (const p of this.waiting.values()) p.reject(error);
    this.waiting.clear();
  }

  plan(model: GenreModel, jobs: RangeJob[], next: Int32Array): void {
    const { buckets, scores } = model.scorer.folded;
    const plan: WorkerPlan = { model: { dir: model.dir, meta: model.meta, buckets, scores }, jobs, next };
    for (const w of this.workers) w.postMessage(plan);
  }

  /** Whether range k's result has arrived from a worker. */
  has(k: number): boolean {
    return this.arrived.has(k);
  }

  /** Range k's result from a worker, once it arrives. */
  result(k: number): Promise<RangeResult> {
    const arrived = this.arrived.get(k);
    if (arrived) {
      this.arrived.delete(k);
      return Promise.resolve(arrived);
    }
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.set(k, { resolve, reject }));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

async function writeRejects(file: string, rejected: readonly RejectedRow[]): Promise<void> {
  const lines = ["line,reason,raw", ...rejected.map((r) => `${r.line},${csvCell(r.reason)},${csvCell(r.raw)}`)];
  await fs.promises.writeFile(file, `${lines.join("\n")}\n`);
}

export async function predictCsvFile(options: PredictCsvOptions): Promise<PredictCsvSummary> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let totalBytes: number;
  try {
    totalBytes = (await fs.promises.stat(options.input)).size;
  } catch (cause) {
    throw new PredictionInputError(`Cannot read input file ${options.input}: ${(cause as Error).message}`, { cause });
  }
  // Starting a worker (loading tsx and the code) costs about 0.2 s of CPU: not worth it for
  // small files. Workers start first, so that their start-up overlaps the header, the model
  // and the first range on this thread.
  const small = options.minBytesForWorkers !== undefined && totalBytes < options.minBytesForWorkers;
  const threads = small ? 0 : options.workers;
  const pool = threads > 0 ? new WorkerPool(threads) : null;
  try {
    return await predictWithPool(options, totalBytes, threads, pool, started, cpuStart);
  } finally {
    await pool?.close();
  }
}

async function predictWithPool(options: PredictCsvOptions, totalBytes: number, threads: number, pool: WorkerPool | null, started: number, cpuStart: NodeJS.CpuUsage): Promise<PredictCsvSummary> {
  const header = await readCsvHeader(options.input);
  if (!header) throw new PredictionInputError(`${options.input} is empty: expected a header with "BL record ID" and "Title"`);
  const columns = toPredictionColumns(header.cells, options.input);
  const model: GenreModel = await loadScoringModel(options.modelDir);
  const version = model.meta.version;
  const rangeBytes = options.rangeBytes ?? 4 * 2 ** 20;
  const parts = Math.max(threads * 2, Math.ceil((totalBytes - header.dataStart) / rangeBytes), 1);
  const ranges = await splitAtLineBreaks(options.input, header.dataStart, totalBytes, parts);
  const jobOf = (r: { start: number; end: number }): RangeJob => ({ file: options.input, start: r.start, end: r.end, columns });
  const out = fs.createWriteStream(options.output);
  const rejected: RejectedRow[] = [];
  let rows = 0;
  let written = 0;
  let fiction = 0;
  let misalignedRanges = 0;
  try {
    const write = async (bytes: Uint8Array | string) => {
      if (!out.write(bytes)) await once(out, "drain");
    };
    await write(`${OUTPUT_COLUMNS.join(",")}\n`);
    // Every thread claims the next range from a shared counter when it is free, so none waits
    // for another to hand it work; this thread also writes the outputs in file order, and
    // scores ranges whenever the one it must write next is not there yet.
    const jobs = ranges.map(jobOf);
    const next = new Int32Array(new SharedArrayBuffer(4));
    pool?.plan(model, jobs, next);
    const local = new Map<number, RangeResult>();
    // Where the next unread row starts (byte, absolute line): a range is used only if it starts there.
    let nextByte: number | null = header.dataStart;
    let nextLine = header.lines + 1;
    let lineBase = header.lines + 1;
    // This thread scores at most this many ranges ahead of the one it writes, so that finished
    // outputs waiting to be written stay few.
    const ahead = (threads + 1) * 2;
    const scoreHere = async (): Promise<boolean> => {
      const j = Atomics.add(next, 0, 1);
      if (j >= ranges.length) return false;
      local.set(j, await predictRange(model, jobs[j]!));
      return true;
    };
    for (let k = 0; k < ranges.length; k++) {
      const range = ranges[k]!;
      // Claims go in file order: score here until range k is claimed (by this thread or a worker).
      while (k >= Atomics.load(next, 0) && (await scoreHere()));
      // A worker has it: score further ranges here meanwhile (its result arrives while this
      // thread reads a file, and is taken as soon as the range in hand is done).
      while (!local.has(k) && pool && !pool.failure && !pool.has(k) && Atomics.load(next, 0) < k + ahead && (await scoreHere()));
      if (pool?.failure) throw pool.failure;
      let result = local.get(k) ?? (await pool!.result(k));
      local.delete(k);
      const rangeFirstLine = lineBase;
      lineBase += result.lines;
      if (nextByte !== range.start) misalignedRanges++;
      if (nextByte === null || nextByte >= range.end) continue;
      let firstLine = rangeFirstLine;
      if (nextByte !== range.start) {
        // The cut fell inside a row (a quoted field with line breaks): read the range again from the row's start.
        result = await predictRange(model, jobOf({ start: nextByte, end: range.end }));
        firstLine = nextLine;
      }
      for (const r of result.rejected) rejected.push({ ...r, line: r.line + firstLine - 1 });
      rows += result.rows;
      written += result.written;
      fiction += result.fiction;
      await write(result.output);
      nextByte = result.nextRowByte;
      nextLine = result.nextRowLine === null ? 0 : result.nextRowLine + firstLine - 1;
      options.onProgress?.(range.end, totalBytes, rows);
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  if (rejected.length > 0) await writeRejects(options.rejectsFile, rejected);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    modelVersion: version,
    rows,
    written,
    rejected: rejected.length,
    fiction,
    seconds,
    cpuSeconds,
    recordsPerSecond: written / seconds,
    rejectsFile: rejected.length > 0 ? options.rejectsFile : null,
    ranges: ranges.length,
    misalignedRanges,
  };
}
