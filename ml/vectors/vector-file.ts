/**
 * The int8 vector file: magic, a JSON header (dims, count, config), the record ids (one per line),
 * a float32 scale per row, then int8 components (value = int8 * scale). About dims + 4 bytes per book.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";

const MAGIC = Buffer.from("BLVEC01\n", "latin1");

export interface VectorSet {
  dims: number;
  ids: string[];
  scales: Float32Array;
  data: Int8Array;
  meta: Record<string, unknown>;
}

export class VectorFileError extends Error {
  override name = "VectorFileError";
}

export function quantise(vectors: readonly Float32Array[], dims: number): { scales: Float32Array; data: Int8Array } {
  const scales = new Float32Array(vectors.length);
  const data = new Int8Array(vectors.length * dims);
  vectors.forEach((v, i) => {
    if (v.length !== dims) throw new VectorFileError(`vector ${i} has ${v.length} components, expected ${dims}`);
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]!));
    const scale = max > 0 ? max / 127 : 1;
    scales[i] = scale;
    for (let d = 0; d < dims; d++) data[i * dims + d] = Math.round(v[d]! / scale);
  });
  return { scales, data };
}

export function toVectorFileBuffer(set: VectorSet): Buffer {
  const ids = Buffer.from(set.ids.join("\n"), "utf8");
  const header = Buffer.from(JSON.stringify({ dims: set.dims, count: set.ids.length, idsBytes: ids.length, meta: set.meta }), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const before = MAGIC.length + 4 + header.length + ids.length;
  const pad = Buffer.alloc((4 - (before % 4)) % 4);
  return Buffer.concat([MAGIC, len, header, ids, pad, Buffer.from(set.scales.buffer, set.scales.byteOffset, set.scales.byteLength), Buffer.from(set.data.buffer, set.data.byteOffset, set.data.byteLength)]);
}

export function parseVectorFileBuffer(buf: Buffer, source = "vector file"): VectorSet {
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new VectorFileError(`${source} is not a vector file (bad magic)`);
  const headerLen = buf.readUInt32LE(MAGIC.length);
  let at = MAGIC.length + 4;
  let header: { dims: number; count: number; idsBytes: number; meta: Record<string, unknown> };
  try {
    header = JSON.parse(buf.subarray(at, at + headerLen).toString("utf8")) as typeof header;
  } catch (cause) {
    throw new VectorFileError(`${source}: the header is not JSON`, { cause });
  }
  at += headerLen;
  const ids = header.count === 0 ? [] : buf.subarray(at, at + header.idsBytes).toString("utf8").split("\n");
  at += header.idsBytes;
  at += (4 - (at % 4)) % 4;
  const expected = at + header.count * 4 + header.count * header.dims;
  if (ids.length !== header.count || buf.length !== expected) throw new VectorFileError(`${source} is truncated or corrupt: ${buf.length} bytes, expected ${expected} for ${header.count} vectors of ${header.dims}`);
  const copy = Buffer.from(buf.subarray(at));
  const scales = new Float32Array(copy.buffer, copy.byteOffset, header.count);
  const data = new Int8Array(copy.buffer, copy.byteOffset + header.count * 4, header.count * header.dims);
  return { dims: header.dims, ids, scales, data, meta: header.meta };
}

export function writeVectorFile(file: string, set: VectorSet): number {
  const buf = toVectorFileBuffer(set);
  fs.writeFileSync(file, buf);
  return buf.length;
}

export function readVectorFile(file: string): VectorSet {
  if (!fs.existsSync(file)) throw new VectorFileError(`no vector file at ${file}: run npm run vectors:build`);
  return parseVectorFileBuffer(fs.readFileSync(file), file);
}

/**
 * Short id of a vector set: its header (embedding config, book count, build time) and shape. A
 * promoted facet's model version carries it, so rebuilding the vectors makes a new model version.
 */
export function toVectorVersion(set: Pick<VectorSet, "dims" | "ids" | "meta">): string {
  return createHash("sha256").update(JSON.stringify({ dims: set.dims, count: set.ids.length, meta: set.meta })).digest("hex").slice(0, 10);
}
