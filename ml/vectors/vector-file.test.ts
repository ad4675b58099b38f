import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseVectorFileBuffer, quantise, readVectorFile, toVectorFileBuffer, VectorFileError, writeVectorFile } from "./vector-file";

describe("vector file", () => {
  it("round-trips ids, dims and int8 components within one quantisation step", () => {
    const vectors = [Float32Array.from([0.5, -0.25, 0]), Float32Array.from([0, 0, 0]), Float32Array.from([-1, 0.999, 0.1])];
    const { scales, data } = quantise(vectors, 3);
    expect(Array.from(data.slice(0, 3))).toEqual([127, -63, 0]); // -63.5 rounds towards +infinity
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vec-")), "v.bin");
    const bytes = writeVectorFile(file, { dims: 3, ids: ["a", "b", "c é"], scales, data, meta: { k: 1 } });
    expect(fs.statSync(file).size).toBe(bytes);
    const back = readVectorFile(file);
    expect(back.ids).toEqual(["a", "b", "c é"]);
    expect(back.meta).toEqual({ k: 1 });
    vectors.forEach((v, i) => v.forEach((x, d) => expect(Math.abs(back.data[i * 3 + d]! * back.scales[i]! - x)).toBeLessThanOrEqual(back.scales[i]! / 2 + 1e-7)));
  });

  it("refuses a truncated file and a foreign file", () => {
    const buf = toVectorFileBuffer({ dims: 2, ids: ["x"], ...quantise([Float32Array.from([1, 0])], 2), meta: {} });
    expect(() => parseVectorFileBuffer(buf.subarray(0, buf.length - 1))).toThrow(/truncated/);
    expect(() => parseVectorFileBuffer(Buffer.from("hello world!"))).toThrow(VectorFileError);
  });
});
