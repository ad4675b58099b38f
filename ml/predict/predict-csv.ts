/**
 * CSV in, CSV out: one output row per accepted input record
 * (`BL record ID,genre,genre_confidence,p_fiction,model_version`). Rows the record parser
 * rejects (no id or no title, broken quoting) go to a rejects CSV with their line number and
 * are counted: nothing is dropped silently.
 *
 * The main thread parses and writes while worker threads hash and score (hashing is ~90% of
 * the scoring cost), so both cores are busy.
 */
import fs from "node:fs";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { RejectedRow } from "@/lib/records/types";
import { applyCalibration } from "@/ml/model/calibration";
import { loadModel, type GenreModel } from "@/ml/model/artifacts";
import { forEachInput, type ColumnBatch } from "./batch";
import { readPredictionColumns } from "./read-columns";

export const OUTPUT_COLUMNS = ["BL record ID", "genre", "genre_confidence", "p_fiction", "model_version"] as const;

export interface PredictCsvOptions {
  input: string;
  output: string;
  rejectsFile: string;
  modelDir: string;
  /** Worker threads for scoring; 0 scores on the main thread. */
  workers: number;
  /** Inputs smaller than this are scored on the main thread whatever `workers` says. */
  minBytesForWorkers?: number;
  batchSize?: number;
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
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toOutputRows(ids: readonly string[], pFiction: ArrayLike<number>, version: string): { text: string; fiction: number } {
  let text = "";
  let fiction = 0;
  const suffix = `,${csvCell(version)}\n`;
  for (let i = 0; i < ids.length; i++) {
    const p = pFiction[i]!;
    const isFiction = p >= 0.5;
    if (isFiction) fiction++;
    text += `${csvCell(ids[i]!)},${isFiction ? "Fiction" : "Non-fiction"},${(isFiction ? p : 1 - p).toFixed(4)},${p.toFixed(4)}${suffix}`;
  }
  return { text, fiction };
}

class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (p: Float64Array) => void; reject: (e: unknown) => void }>();
  private next = 0;

  static async start(size: number, modelDir: string): Promise<WorkerPool> {
    const pool = new WorkerPool();
    for (let i = 0; i < size; i++) {
      // The worker is TypeScript and Node 20 does not pass the parent's tsx loader on to worker
      // threads, so a one-line bootstrap registers tsx inside the worker before importing it.
      const url = new URL("./score-worker.ts", import.meta.url);
      const worker = new Worker(`import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`, { eval: true, workerData: { modelDir } });
      const ready = new Promise<void>((resolve, reject) => {
        worker.on("error", (error) => {
          reject(error);
          // A dead worker would leave its batches waiting forever: fail them all.
          for (const p of pool.pending.values()) p.reject(new Error("A scoring worker failed", { cause: error }));
          pool.pending.clear();
        });
        worker.on("message", (msg: { ready?: true; id?: number; pFiction?: Float64Array }) => {
          if (msg.ready) resolve();
          else if (msg.id !== undefined && msg.pFiction) {
            pool.pending.get(msg.id)?.resolve(msg.pFiction);
            pool.pending.delete(msg.id);
          }
        });
      });
      pool.workers.push(worker);
      await ready;
    }
    return pool;
  }

  score(batch: ColumnBatch): Promise<Float64Array> {
    const worker = this.workers[this.next++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(batch.id, { resolve, reject });
      worker.postMessage(batch);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function scoreHere(model: GenreModel, batch: ColumnBatch): Float64Array {
  const p = new Float64Array(batch.titles.length);
  forEachInput(batch, (input, i) => {
    p[i] = applyCalibration(model.meta.calibration, model.scorer.logit(input));
  });
  return p;
}

async function writeRejects(file: string, rejected: readonly RejectedRow[]): Promise<void> {
  const lines = ["line,reason,raw", ...rejected.map((r) => `${r.line},${csvCell(r.reason)},${csvCell(r.raw)}`)];
  await fs.promises.writeFile(file, `${lines.join("\n")}\n`);
}

export async function predictCsvFile(options: PredictCsvOptions): Promise<PredictCsvSummary> {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const model = await loadModel(options.modelDir);
  const version = model.meta.version;
  // Starting a worker (loading tsx and the model) costs about a second: not worth it for small files.
  const small = options.workers > 0 && options.minBytesForWorkers !== undefined && fs.statSync(options.input).size < options.minBytesForWorkers;
  const pool = options.workers > 0 && !small ? await WorkerPool.start(options.workers, options.modelDir) : null;
  const out = fs.createWriteStream(options.output);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  const rejected: RejectedRow[] = [];
  let rows = 0;
  let written = 0;
  let fiction = 0;
  // Batches in flight, written strictly in input order.
  const inFlight: Array<{ ids: string[]; result: Promise<Float64Array> }> = [];
  const maxInFlight = Math.max(2, (options.workers || 1) * 2);
  const flushOne = async () => {
    const head = inFlight.shift()!;
    const out = toOutputRows(head.ids, await head.result, version);
    fiction += out.fiction;
    written += head.ids.length;
    await write(out.text);
  };
  try {
    await write(`${OUTPUT_COLUMNS.join(",")}\n`);
    for await (const chunk of readPredictionColumns(options.input, options.batchSize ?? 8192)) {
      for (const r of chunk.rejected) rejected.push(r);
      rows = chunk.rows;
      if (chunk.ids.length > 0) {
        const columns = chunk.batch;
        inFlight.push({ ids: chunk.ids, result: pool ? pool.score(columns) : Promise.resolve(scoreHere(model, columns)) });
        while (inFlight.length >= maxInFlight) await flushOne();
      }
      options.onProgress?.(chunk.bytesRead, chunk.totalBytes, rows);
    }
    while (inFlight.length > 0) await flushOne();
  } finally {
    await pool?.close();
    out.end();
    await once(out, "close");
  }
  if (rejected.length > 0) await writeRejects(options.rejectsFile, rejected);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { modelVersion: version, rows, written, rejected: rejected.length, fiction, seconds, cpuSeconds, recordsPerSecond: written / seconds, rejectsFile: rejected.length > 0 ? options.rejectsFile : null };
}
