/**
 * Worker thread: predicts byte ranges of a CSV file (predict-range.ts). Its one message from
 * the main thread is the plan: the model (loaded and checked there), the ranges and a shared
 * counter. The worker then claims ranges from the counter itself, as the main thread does, and
 * sends back each range's result, so it never waits for the main thread to hand it work.
 *
 * It imports neither the model loader nor zod and runs as CommonJS (see startTsWorker), so it
 * starts while the main thread reads the header, loads the model and scores the first range.
 */
import { parentPort } from "node:worker_threads";
import type { GenreModel, GenreModelMeta } from "@/ml/model/artifacts";
import type { FeatureConfig } from "@/ml/features/featurise";
import { GenreScorer } from "@/ml/model/scorer";
import { predictRange, type RangeJob, type RangeResult } from "./predict-range";

export interface WorkerPlan {
  /** The loaded model's folder, metadata and folded weights. */
  model: { dir: string; meta: GenreModelMeta; buckets: Int32Array; scores: Float32Array };
  jobs: RangeJob[];
  /** Int32Array over a SharedArrayBuffer: [0] is the next range to claim, for every thread. */
  next: Int32Array;
}

export type WorkerReply = { k: number; result: RangeResult } | { k: number; error: string };

const port = parentPort;
if (!port) throw new Error("score-worker must run as a worker thread");

// `on`, not `once`: a listener keeps the worker alive until the main thread ends it, so that
// running out of ranges is not mistaken for a crash.
let planned = false;
port.on("message", ({ model: m, jobs, next }: WorkerPlan) => {
  if (planned) return;
  planned = true;
  const model: GenreModel = { dir: m.dir, meta: m.meta, scorer: new GenreScorer({ numFields: m.meta.numFields, bias: m.meta.bias, buckets: m.buckets, scores: m.scores }, m.meta.featureConfig as FeatureConfig) };
  const work = async () => {
    for (let k = Atomics.add(next, 0, 1); k < jobs.length; k = Atomics.add(next, 0, 1)) {
      let reply: WorkerReply;
      try {
        const result = await predictRange(model, jobs[k]!);
        reply = { k, result };
      } catch (error) {
        port.postMessage({ k, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies WorkerReply);
        return;
      }
      port.postMessage(reply, [reply.result.output.buffer as ArrayBuffer]);
    }
  };
  void work();
});
