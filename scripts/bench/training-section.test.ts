import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatTrainingSection } from "./training-section";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "training-section-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("formatTrainingSection", () => {
  it("prints the training times the model folder recorded", () => {
    fs.writeFileSync(path.join(dir, "metrics.json"), JSON.stringify({ timings: { totalSeconds: 42.25, totalCpuSeconds: 70.5, finalTrainingSeconds: 9.75 } }));
    const line = formatTrainingSection(dir);
    expect(line).toContain("42.3 s (CPU 70.5 s)");
    expect(line).toContain("final refit alone 9.8 s");
  });

  it("says what is wrong when the folder has no usable timings", () => {
    fs.writeFileSync(path.join(dir, "metrics.json"), JSON.stringify({ accuracy: 1 }));
    expect(formatTrainingSection(dir)).toMatch(/records no timings/);
    fs.rmSync(path.join(dir, "metrics.json"));
    expect(formatTrainingSection(dir)).toMatch(/no readable .*metrics\.json/);
  });
});
