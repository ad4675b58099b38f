import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readModelMetrics, toHeadlineMetrics } from "./model-metrics";

describe("model metrics for the admin pages", () => {
  const metrics = {
    validation: { report: { macroF1: 0.866, accuracy: 0.899 } },
    refitCrossValidation: { report: { macroF1: 0.881 } },
    calibration: { validation: { eceCalibrated: 0.03 } },
  };

  it("picks the headline figures", () => {
    expect(toHeadlineMetrics(metrics)).toEqual({
      "validation macro-F1": 0.866,
      "validation accuracy": 0.899,
      "cross-validated macro-F1": 0.881,
      "calibration error (ECE)": 0.03,
    });
    expect(toHeadlineMetrics({})).toEqual({});
  });

  it("reads them from the version's model folder, or uses the version's own metrics", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "model-"));
    fs.writeFileSync(path.join(dir, "metrics.json"), JSON.stringify(metrics));
    expect(readModelMetrics({ modelDir: dir })["validation macro-F1"]).toBe(0.866);
    expect(readModelMetrics({ metrics: { f1: 0.5, note: "x", nested: {} } })).toEqual({ f1: 0.5, note: "x" });
    expect(readModelMetrics({ modelDir: path.join(dir, "missing") })).toEqual({});
    expect(readModelMetrics({})).toEqual({});
    fs.rmSync(dir, { recursive: true });
  });
});
