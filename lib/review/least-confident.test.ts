import { describe, expect, it } from "vitest";
import { pickLeastConfident } from "./least-confident";

describe("pickLeastConfident", () => {
  it("returns the lowest confidences first, skipping labelled books", () => {
    const preds = [
      { recordId: "a", value: "Fiction", confidence: 0.9 },
      { recordId: "b", value: "Fiction", confidence: 0.51 },
      { recordId: "c", value: "Non-fiction", confidence: 0.55 },
      { recordId: "d", value: "Non-fiction", confidence: 0.5 },
    ];
    expect(pickLeastConfident(preds, new Set(["d"]), 2).map((p) => p.recordId)).toEqual(["b", "c"]);
  });
});
