import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DATA_SOURCES, chooseDataDir, type DataDirChoice, type DataSource } from "@/lib/records/data-files";

/**
 * Fetch the public data files when neither BL_DATA_DIR nor <WORK_DIR>/data has them.
 * Each file is streamed to `<name>.part`, checked to be a CSV with the expected header, then
 * renamed into place, so an interrupted or failed download never leaves a half file behind.
 */

export class DataDownloadError extends Error {
  override name = "DataDownloadError";
}

export interface DownloadProgress {
  file: string;
  bytes: number;
  /** From Content-Length; null when the server does not say. */
  total: number | null;
}

export interface EnsureDataOptions {
  env: { BL_DATA_DIR?: string | undefined; WORK_DIR: string };
  /** Defaults to DATA_SOURCES (tests point them at a local server). */
  sources?: readonly DataSource[];
  onProgress?: (p: DownloadProgress) => void;
  /** Give up on a server that does not answer within this time (ms). */
  timeoutMs?: number;
}

export interface EnsureDataResult {
  dir: string;
  origin: DataDirChoice["origin"];
  downloaded: string[];
}

/** Columns a downloaded file must have in its header, by file; guards against saving an HTML error page. */
const EXPECTED_HEADER = ["BL record ID", "Title"];

export async function ensureData(opts: EnsureDataOptions): Promise<EnsureDataResult> {
  const sources = opts.sources ?? DATA_SOURCES;
  const choice = chooseDataDir(opts.env);
  if (choice.origin === "BL_DATA_DIR") return { dir: choice.dir, origin: choice.origin, downloaded: [] };
  const missing = sources.filter((s) => !fs.existsSync(path.join(choice.dir, s.file)));
  const downloaded: string[] = [];
  for (const source of missing) {
    await downloadFile(source, choice.dir, opts, missing);
    downloaded.push(source.file);
  }
  return { dir: choice.dir, origin: choice.origin, downloaded };
}

async function downloadFile(source: DataSource, dir: string, opts: EnsureDataOptions, allMissing: readonly DataSource[]): Promise<void> {
  const target = path.join(dir, source.file);
  const part = `${target}.part`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  let response: Response;
  try {
    response = await fetch(source.url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000), redirect: "follow" });
  } catch (cause) {
    throw new DataDownloadError(offlineMessage(describeFetchError(cause), dir, allMissing), { cause });
  }
  if (!response.ok || !response.body) {
    throw new DataDownloadError(offlineMessage(`${source.url} answered HTTP ${response.status} ${response.statusText}`.trim(), dir, allMissing));
  }
  const totalHeader = Number(response.headers.get("content-length"));
  const total = Number.isFinite(totalHeader) && totalHeader > 0 ? totalHeader : null;
  let bytes = 0;
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
  body.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    opts.onProgress?.({ file: source.file, bytes, total });
  });
  try {
    await pipeline(body, fs.createWriteStream(part));
    checkCsvHeader(part, source);
    fs.renameSync(part, target);
  } catch (cause) {
    fs.rmSync(part, { force: true });
    if (cause instanceof DataDownloadError) throw cause;
    throw new DataDownloadError(offlineMessage(`downloading ${source.url} failed: ${describeFetchError(cause)}`, dir, allMissing), { cause });
  }
}

function checkCsvHeader(file: string, source: DataSource): void {
  const fd = fs.openSync(file, "r");
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const firstLine = head.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
  const missing = EXPECTED_HEADER.filter((c) => !firstLine.includes(c));
  if (missing.length > 0) {
    throw new DataDownloadError(
      `${source.url} did not give the expected CSV (its first line lacks ${missing.map((c) => `"${c}"`).join(", ")}: ${JSON.stringify(firstLine.slice(0, 120))}). ` +
        `Download ${source.file} by hand from the dataset page (see docs/data.md).`,
    );
  }
}

function describeFetchError(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
  return `${cause.message}${inner}`;
}

/** What to do when the files cannot be fetched: which file goes where, and where it comes from. */
export function offlineMessage(reason: string, dir: string, missing: readonly DataSource[]): string {
  const lines = [
    `Could not download the BL data (${reason}).`,
    "If this machine is offline, put the files in place by hand and run the command again:",
    ...missing.map((s) => `  ${path.join(dir, s.file)}\n      from ${s.url}`),
    "or set BL_DATA_DIR to a folder that already holds bl-digitised-books.csv (and annotations/train_valid.csv).",
    "See docs/data.md.",
  ];
  return lines.join("\n");
}
