import { describe, expect, it } from "vitest";
import { formatScaleVerdict, largestSensibleCollection } from "./scale-verdict";

describe("largestSensibleCollection", () => {
  it("scales the measured cost per record up to the throughput and memory budgets", () => {
    // 1 ms of CPU for 100,000 records: 1e-5 ms a record; budget 2.5 - 0.7 = 1.8 ms -> 180,000 records.
    // 100 MiB of heap for 100,000 records: 0.001 MiB a record; budget 500 - 150 = 350 MiB -> 350,000 records.
    expect(largestSensibleCollection({ records: 100_000, cpuMsPerSearch: 1, heapMiB: 100 })).toEqual({ byThroughput: 180_000, byMemory: 350_000 });
  });

  it("names the tighter bound in the verdict and says to switch to Meilisearch above it", () => {
    const lines = formatScaleVerdict({ records: 100_000, cpuMsPerSearch: 1, p95Ms: 3, buildSeconds: 10, heapMiB: 100, http: null });
    expect(lines.at(-1)).toContain("up to about 180,000 records");
    expect(lines.at(-1)).toContain("use Meilisearch");
  });
});
