/**
 * Worker threads that train fastText models side by side: the pipeline's fits (calibration
 * folds, validation model, refit folds, final model) are independent, and wasm in Node has no
 * threads of its own, so this is how training uses the second core. Each worker loads the same
 * backend as the main thread; a fit's result depends only on its examples, hyperparameters and
 * backend, so it is the same whichever thread runs it.
 */
import type { Worker } from "node:worker_threads";
import type { BackendPreference, LoadedTf } from "@/ml/backend/load-tf";
import { startAll, startTsWorker } from "@/ml/backend/ts-worker";
import { predictTfidfLogReg, trainTfidfLogReg } from "@/ml/evaluate/baseline-tfidf";
import { trainFastText, type Hyperparameters, type TrainedFastText, type TrainingExample } from "@/ml/model/fasttext";

/** TF-IDF logistic regression fitted on `trainTexts`: probability of Fiction per test text. */
export type BaselineFitter = (trainTexts: readonly string[], ys: readonly number[], testTexts: readonly string[]) => Promise<number[]>;

export const fitTfidfBaseline: BaselineFitter = async (trainTexts, ys, testTexts) => predictTfidfLogReg(trainTfidfLogReg(trainTexts, ys), testTexts);

export type Fitter = (examples: readonly TrainingExample[], hp: Hyperparameters, onStep?: (done: number, total: number) => void) => Promise<TrainedFastText>;

export type FitJob = { kind: "fasttext"; examples: readonly TrainingExample[]; hp: Hyperparameters } | { kind: "tfidf"; trainTexts: readonly string[]; ys: readonly number[]; testTexts: readonly string[] };

type Reply = { ready: true; backend: string; source: string } | { id: number; done: number; total: number } | { id: number; model: TrainedFastText } | { id: number; probabilities: number[] } | { id: number; error: string };

interface Pending {
  resolve: (result: TrainedFastText | number[]) => void;
  reject: (e: unknown) => void;
  onStep?: (done: number, total: number) => void;
}

export class FitPool {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  private readonly pending = new Map<number, Pending & { worker: number }>();
  private jobs = 0;
  private readonly queue: Array<Pending & { id: number; job: FitJob }> = [];

  /** Starts `size` workers on the backend the main thread uses (they must agree, or results would depend on the thread). */
  static async start(size: number, main: LoadedTf): Promise<FitPool> {
    const preference: BackendPreference = main.backend === "tensorflow" ? "tensorflow" : main.backend === "wasm" ? "wasm" : "cpu";
    const pool = new FitPool();
    const started = await startAll(size, () => pool.spawn(preference), () => pool.close());
    const other = started.find((b) => b !== main.backend);
    if (other) {
      await pool.close();
      throw new Error(`a training worker loaded the ${other} backend, the main thread ${main.backend}`);
    }
    return pool;
  }

  private spawn(backend: BackendPreference): Promise<string> {
    const worker = startTsWorker(new URL("./fit-worker.ts", import.meta.url), { backend });
    this.workers.push(worker);
    this.busy.push(0);
    return new Promise((resolve, reject) => {
      worker.on("error", (error) => {
        reject(error);
        // A dead worker would leave its fit and the queue waiting forever: fail them all.
        for (const p of [...this.pending.values(), ...this.queue]) p.reject(new Error("A training worker failed", { cause: error }));
        this.pending.clear();
        this.queue.length = 0;
      });
      worker.on("message", (msg: Reply) => {
        if ("ready" in msg) return resolve(msg.backend);
        const job = this.pending.get(msg.id);
        if (!job) return;
        if ("done" in msg) return job.onStep?.(msg.done, msg.total);
        this.pending.delete(msg.id);
        this.busy[job.worker] = 0;
        if ("error" in msg) job.reject(new Error(`A training worker failed: ${msg.error}`));
        else job.resolve("model" in msg ? msg.model : msg.probabilities);
        this.dispatch();
      });
    });
  }

  /** Queues a fit; the next idle worker takes it (fits differ in size, so no fixed dealing). */
  readonly fit: Fitter = (examples, hp, onStep) => this.submit({ kind: "fasttext", examples, hp }, onStep) as Promise<TrainedFastText>;

  /** Queues a TF-IDF baseline fit (plain JS, but as long as a fastText fit: worth a thread). */
  readonly baseline: BaselineFitter = (trainTexts, ys, testTexts) => this.submit({ kind: "tfidf", trainTexts, ys, testTexts }) as Promise<number[]>;

  private submit(job: FitJob, onStep?: (done: number, total: number) => void): Promise<TrainedFastText | number[]> {
    const id = this.jobs++;
    return new Promise((resolve, reject) => {
      this.queue.push({ id, job, resolve, reject, onStep });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (let w = 0; w < this.workers.length && this.queue.length > 0; w++) {
      if (this.busy[w]! > 0) continue;
      const job = this.queue.shift()!;
      this.busy[w] = 1;
      this.pending.set(job.id, { worker: w, resolve: job.resolve, reject: job.reject, onStep: job.onStep });
      this.workers[w]!.postMessage({ id: job.id, job: job.job });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Fits on the calling thread, one after another (tfjs state is global). */
export function buildInProcessFitter(tf: LoadedTf): Fitter {
  let queue: Promise<unknown> = Promise.resolve();
  return (examples, hp, onStep) => {
    const run = queue.then(() => trainFastText(tf.tf, examples, hp, onStep));
    queue = run.catch(() => {});
    return run;
  };
}
