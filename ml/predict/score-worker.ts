/** Worker thread: loads the model once, then scores column batches (p_fiction per row). */
import { parentPort, workerData } from "node:worker_threads";
import { applyCalibration } from "@/ml/model/calibration";
import { loadModel } from "@/ml/model/artifacts";
import { forEachInput, type ColumnBatch } from "./batch";

const port = parentPort;
if (!port) throw new Error("score-worker must run as a worker thread");
const { modelDir } = workerData as { modelDir: string };
const model = await loadModel(modelDir);
port.on("message", (batch: ColumnBatch) => {
  const p = new Float64Array(batch.titles.length);
  forEachInput(batch, (input, i) => {
    p[i] = applyCalibration(model.meta.calibration, model.scorer.logit(input));
  });
  port.postMessage({ id: batch.id, pFiction: p }, [p.buffer]);
});
port.postMessage({ ready: true });
