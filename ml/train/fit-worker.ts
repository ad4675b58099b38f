/** Worker thread: trains fastText models (with its own TensorFlow.js) and TF-IDF baselines for fit-pool.ts. */
import { parentPort, workerData } from "node:worker_threads";
import { loadTf, type BackendPreference } from "@/ml/backend/load-tf";
import { trainFastText } from "@/ml/model/fasttext";
import { fitTfidfBaseline, type FitJob } from "./fit-pool";

const port = parentPort;
if (!port) throw new Error("fit-worker must run as a worker thread");
const { backend } = workerData as { backend: BackendPreference };
const loaded = await loadTf(backend);

// One job at a time: tfjs keeps global state (scopes, variable names) that concurrent trainings would share.
let queue = Promise.resolve();
port.on("message", (msg: { id: number; job: FitJob }) => {
  queue = queue.then(async () => {
    try {
      const job = msg.job;
      if (job.kind === "tfidf") {
        port.postMessage({ id: msg.id, probabilities: await fitTfidfBaseline(job.trainTexts, job.ys, job.testTexts) });
        return;
      }
      let last = 0;
      const model = await trainFastText(loaded.tf, job.examples, job.hp, (done, total) => {
        // Progress in about 50 messages per job, not one per step.
        if (done === total || done - last >= Math.max(1, Math.floor(total / 50))) {
          last = done;
          port.postMessage({ id: msg.id, done, total });
        }
      });
      port.postMessage({ id: msg.id, model });
    } catch (error) {
      port.postMessage({ id: msg.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  });
});
port.postMessage({ ready: true, backend: loaded.backend, source: loaded.source });
