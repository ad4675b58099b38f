/**
 * The deposit package: the model folder as a tar.gz, the card (Markdown, JSON), the evaluation
 * JSON and all live predictions (CSV, JSONL), each with a SHA-256 checksum. Bytes are
 * deterministic for a given model version and prediction version (sorted entries, fixed mtimes,
 * gzip without a timestamp), so a checksum published with a DOI stays true.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Prediction } from "@/lib/store/types";

export const DOWNLOAD_FILES = ["model.tar.gz", "card.md", "card.json", "evaluation.json", "predictions.csv", "predictions.jsonl"] as const;
export type DownloadFile = (typeof DOWNLOAD_FILES)[number];

export const DOWNLOAD_INFO: Record<DownloadFile, { label: string; contentType: string }> = {
  "model.tar.gz": { label: "Model folder (weights, model.json, metrics, report, card) as a tar.gz archive", contentType: "application/gzip" },
  "card.md": { label: "Model card, Markdown", contentType: "text/markdown; charset=utf-8" },
  "card.json": { label: "Model card, JSON", contentType: "application/json; charset=utf-8" },
  "evaluation.json": { label: "Evaluation (metrics.json of the model folder)", contentType: "application/json; charset=utf-8" },
  "predictions.csv": { label: "All live genre predictions, CSV (record id, value, confidence, model version)", contentType: "text/csv; charset=utf-8" },
  "predictions.jsonl": { label: "All live genre predictions, JSON Lines", contentType: "application/x-ndjson; charset=utf-8" },
};

export function parseDownloadFile(name: string): DownloadFile | null {
  return (DOWNLOAD_FILES as readonly string[]).includes(name) ? (name as DownloadFile) : null;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

export function toDigestHeaders(hex: string): Record<string, string> {
  const b64 = Buffer.from(hex, "hex").toString("base64");
  return { "X-Checksum-SHA256": hex, Digest: `sha-256=${b64}`, "Repr-Digest": `sha-256=:${b64}:` };
}

// --- a minimal ustar writer: regular files only, names up to 100 bytes (model folders are flat or one level deep).

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function tarHeader(name: string, size: number, mtime: number): Buffer {
  const nameBytes = Buffer.from(name, "utf8");
  if (nameBytes.length > 100) throw new Error(`tar: entry name longer than 100 bytes: ${name}`);
  const h = Buffer.alloc(512, 0);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(size, 12), 124, "ascii");
  h.write(octal(mtime, 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write("0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return h;
}

export interface TarEntry {
  name: string;
  data: Buffer;
}

export function buildTar(entries: readonly TarEntry[], mtimeSeconds: number): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(tarHeader(e.name, e.data.length, mtimeSeconds), e.data);
    const pad = (512 - (e.data.length % 512)) % 512;
    if (pad > 0) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

function listFiles(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((d) => {
      const rel = prefix ? `${prefix}/${d.name}` : d.name;
      if (d.isDirectory()) return listFiles(dir, rel);
      return d.isFile() && !d.name.endsWith(".tmp") ? [rel] : [];
    })
    .sort();
}

/** `<version>/<file>` entries, sorted, mtime = the model's creation time, gzip without a timestamp. */
export function buildModelArchive(dir: string, version: string, createdAt: string): Buffer {
  const mtime = Math.floor(new Date(createdAt).getTime() / 1000);
  const entries = listFiles(dir).map((rel) => ({ name: `${version}/${rel}`, data: fs.readFileSync(path.join(dir, rel)) }));
  // Node's gzip header carries mtime 0 and no file name, so equal input gives equal bytes.
  return gzipSync(buildTar(entries, Number.isFinite(mtime) ? mtime : 0), { level: 9 });
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One line at a time (the whole collection is 50k+ lines), sorted by record id for stable bytes. */
export function* predictionLines(predictions: ReadonlyMap<string, Prediction>, modelVersion: string, format: "csv" | "jsonl"): Generator<string> {
  const ids = [...predictions.keys()].sort();
  if (format === "csv") yield "record_id,value,confidence,model_version\n";
  for (const id of ids) {
    const p = predictions.get(id)!;
    if (format === "csv") yield `${csvCell(id)},${csvCell(p.value)},${p.confidence},${csvCell(modelVersion)}\n`;
    else yield `${JSON.stringify({ record_id: id, value: p.value, confidence: p.confidence, model_version: modelVersion })}\n`;
  }
}

export function hashLines(lines: Iterable<string>): { sha256: string; bytes: number } {
  const h = createHash("sha256");
  let bytes = 0;
  for (const line of lines) {
    h.update(line);
    bytes += Buffer.byteLength(line);
  }
  return { sha256: h.digest("hex"), bytes };
}

/** A web stream of lines, pulled in chunks so a slow client does not make the server buffer the whole file. */
export function toLineStream(lines: Iterator<string>, chunkLines = 2000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = "";
      for (let i = 0; i < chunkLines; i++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
