import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getStore } from "@/lib/store/server";
import type { ModelArtifacts } from "./artifacts";
import { buildModelArchive, DOWNLOAD_FILES, DOWNLOAD_INFO, hashLines, predictionLines, sha256Hex, type DownloadFile } from "./downloads";
import { getAboutData } from "./server";

export class DownloadUnavailableError extends Error {
  override name = "DownloadUnavailableError";
}

export interface DownloadBody {
  file: DownloadFile;
  filename: string;
  contentType: string;
  sha256: string;
  bytes: number;
  /** Whole content, or a factory for a fresh line iterator (predictions are streamed). */
  content: Buffer | (() => Iterator<string>);
  version: string;
}

const ARCHIVES = Symbol.for("glam-ml-facets.about.archives");
type Holder = { [ARCHIVES]?: Map<string, Buffer> };

/** The archive of a model folder never changes once written, so one build per version and process is enough. */
function archiveFor(a: ModelArtifacts): Buffer {
  const holder = globalThis as Holder;
  const cache = (holder[ARCHIVES] ??= new Map());
  const key = `${a.dir}@${a.meta.weightsSha256}`;
  let buf = cache.get(key);
  if (!buf) {
    buf = buildModelArchive(a.dir, a.version, a.meta.createdAt);
    cache.clear();
    cache.set(key, buf);
  }
  return buf;
}

function fromModelFolder(a: ModelArtifacts, file: DownloadFile): Buffer {
  if (file === "model.tar.gz") return archiveFor(a);
  const name = file === "evaluation.json" ? "metrics.json" : file;
  const full = path.join(a.dir, name);
  if (!fs.existsSync(full)) throw new DownloadUnavailableError(`${name} is missing from the model folder ${a.dir}: run npm run train`);
  return fs.readFileSync(full);
}

export async function getDownload(file: DownloadFile): Promise<DownloadBody> {
  const data = await getAboutData();
  const info = DOWNLOAD_INFO[file];
  if (file === "predictions.csv" || file === "predictions.jsonl") {
    const store = await getStore();
    const version = store.getCurrentVersion("genre");
    if (!version) throw new DownloadUnavailableError("No genre predictions are stored: run npm run facets:generate");
    // One snapshot for both passes, so the checksum sent first is the checksum of the bytes that follow.
    const predictions = store.getCurrentPredictions("genre");
    const format = file === "predictions.csv" ? "csv" : "jsonl";
    const { sha256, bytes } = hashLines(predictionLines(predictions, version, format));
    return { file, filename: `genre-predictions-${version}.${format}`, contentType: info.contentType, sha256, bytes, content: () => predictionLines(predictions, version, format), version };
  }
  if (!data.ok) throw new DownloadUnavailableError(data.message);
  const buf = fromModelFolder(data.artifacts, file);
  const ext = file.slice(file.indexOf("."));
  const base = file.slice(0, file.indexOf("."));
  return { file, filename: `genre-${base}-${data.artifacts.version}${ext}`, contentType: info.contentType, sha256: sha256Hex(buf), bytes: buf.length, content: buf, version: data.artifacts.version };
}

export interface DownloadListing {
  file: DownloadFile;
  href: string;
  label: string;
  result: { sha256: string; bytes: number; filename: string; version: string } | { error: string };
}

export function toDownloadHref(file: DownloadFile): string {
  return `/api/downloads/genre/${file}`;
}

export async function listDownloads(): Promise<DownloadListing[]> {
  return Promise.all(
    DOWNLOAD_FILES.map(async (file) => {
      const base = { file, href: toDownloadHref(file), label: DOWNLOAD_INFO[file].label };
      try {
        const d = await getDownload(file);
        return { ...base, result: { sha256: d.sha256, bytes: d.bytes, filename: d.filename, version: d.version } };
      } catch (error) {
        if (error instanceof DownloadUnavailableError) return { ...base, result: { error: error.message } };
        throw error;
      }
    }),
  );
}
