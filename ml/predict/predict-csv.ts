/**
 * CSV in, CSV out: one output row per accepted input record
 * (`BL record ID,genre,genre_confidence,p_fiction,model_version`). Rows the scanner or the
 * checks reject (no id or no title, broken quoting, wrong cell count) go to a rejects CSV with
 * their line number and are counted: nothing is dropped silently.
 *
 * The file is cut into byte ranges at line breaks; worker threads and the main thread read,
 * scan, hash and score whole ranges (no rows cross threads, only each range's output bytes),
 * and the main thread writes the outputs in file order. Measured on the 1,000,000-record resampled collection:
 * see `npm run bench:ml` and ml/README.md.
 */
import fs from "node:fs";
import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { startAll, startTsWorker } from "@/ml/backend/ts-worker";
import type { RejectedRow } from "@/lib/records/types";
import { loadModel, type GenreModel } from "@/ml/model/artifacts";
import { readCsvHeader, splitAtLineBreaks } from "./csv-ranges";
import { PredictionInputError, predictRange, toPredictionColumns, type RangeJob, type RangeResult } from "./predict-range";

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
  /** Target size of one byte range (default 8 MiB). */
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

type WorkerReply = { ready: true } | { id: number; result: RangeResult } | { id: number; error: string };

class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (r: RangeResult) => void; reject: (e: unknown) => void }>();
  private next = 0;
  private jobs = 0;

  static async start(size: number, modelDir: string): Promise<WorkerPool> {
    const pool = new WorkerPool();
    await startAll(size, () => pool.spawn(modelDir), () => pool.close());
    return pool;
  }

  private spawn(modelDir: string): Promise<void> {
    const worker = startTsWorker(new URL("./score-worker.ts", import.meta.url), { modelDir });
    this.workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      worker.on("error", (error) => {
        reject(error);
        // A dead worker would leave its ranges waiting forever: fail them all.
        for (const p of this.pending.values()) p.reject(new Error("A scoring worker failed", { cause: error }));
        this.pending.clear();
      });
      worker.on("message", (msg: WorkerReply) => {
        if ("ready" in msg) return resolve();
        const waiting = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if ("error" in msg) waiting?.reject(new Error(`A scoring worker failed on a range: ${msg.error}`));
        else waiting?.resolve(msg.result);
      });
    });
  }

  run(job: RangeJob): Promise<RangeResult> {
    const id = this.jobs++;
    // Ranges are about equal in size, so dealing them out in turn keeps the threads equally busy.
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
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
  const header = await readCsvHeader(options.input);
  if (!header) throw new PredictionInputError(`${options.input} is empty: expected a header with "BL record ID" and "Title"`);
  const columns = toPredictionColumns(header.cells, options.input);
  const model: GenreModel = await loadModel(options.modelDir);
  const version = model.meta.version;
  // Starting a worker (loading tsx and the model) costs about a second: not worth it for small files.
  const small = options.minBytesForWorkers !== undefined && totalBytes < options.minBytesForWorkers;
  const threads = small ? 0 : options.workers;
  const rangeBytes = options.rangeBytes ?? 8 * 2 ** 20;
  const parts = Math.max(threads * 2, Math.ceil((totalBytes - header.dataStart) / rangeBytes), 1);
  const ranges = await splitAtLineBreaks(options.input, header.dataStart, totalBytes, parts);
  const pool = threads > 0 ? await WorkerPool.start(threads, options.modelDir) : null;
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
    // Ranges are claimed in file order by the workers (two in flight each) and by this thread,
    // which scores one whenever the range it must write next is not ready: so `workers: 1`
    // keeps two cores busy. The claims stay within a window ahead of the write position, so
    // finished outputs waiting to be written stay few.
    const results: Array<Promise<RangeResult>> = [];
    const settled: boolean[] = [];
    let claimed = 0;
    let writing = 0;
    let poolBusy = 0;
    const window = (threads + 1) * 2;
    const claim = (): number => (claimed < ranges.length && claimed < writing + window ? claimed++ : -1);
    const track = (k: number, p: Promise<RangeResult>) => {
      results[k] = p;
      p.then(
        () => (settled[k] = true),
        () => (settled[k] = true),
      );
    };
    const feedPool = () => {
      while (pool && poolBusy < threads * 2) {
        const k = claim();
        if (k < 0) return;
        poolBusy++;
        const p = pool.run(jobOf(ranges[k]!));
        track(k, p);
        p.finally(() => {
          poolBusy--;
          feedPool();
        }).catch(() => {});
      }
    };
    // Where the next unread row starts (byte, absolute line): a range is used only if it starts there.
    let nextByte: number | null = header.dataStart;
    let nextLine = header.lines + 1;
    let lineBase = header.lines + 1;
    for (let k = 0; k < ranges.length; k++) {
      const range = ranges[k]!;
      writing = k;
      feedPool();
      while (results[k] === undefined || !settled[k]) {
        const j = claim();
        if (j < 0) break;
        const local = predictRange(model, jobOf(ranges[j]!));
        track(j, local);
        await local;
      }
      let result = await results[k]!;
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
    await pool?.close();
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
