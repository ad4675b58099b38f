/** Worker thread: loads the model once, then predicts byte ranges of a CSV file (predict-range.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { loadModel } from "@/ml/model/artifacts";
import { predictRange, type RangeJob } from "./predict-range";

const port = parentPort;
if (!port) throw new Error("score-worker must run as a worker thread");
const { modelDir } = workerData as { modelDir: string };
const model = await loadModel(modelDir);

port.on("message", (msg: { id: number; job: RangeJob }) => {
  predictRange(model, msg.job).then(
    (result) => port.postMessage({ id: msg.id, result }, [result.output.buffer as ArrayBuffer]),
    (error: unknown) => port.postMessage({ id: msg.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
});
port.postMessage({ ready: true });
