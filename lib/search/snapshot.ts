import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { toFacetTableFingerprint } from "@/lib/facets/live-table";
import { toSearchDocs } from "@/lib/search/projection";
import type { SearchDoc } from "@/lib/search/types";
import type { Store } from "@/lib/store/types";

/**
 * A persisted copy of the search documents (the projection of the store that every index is built
 * from), with a checksum and the store revision it was made at. At start the server loads it
 * instead of projecting the store again when it is intact and current; a missing, corrupt or stale
 * snapshot is rebuilt from the store, with a log line saying which. The store stays the source of
 * truth: deleting the snapshot loses nothing.
 *
 *   <dir>/search-docs.jsonl       one SearchDoc per line
 *   <dir>/search-docs.meta.json   { format, revision, docs, sha256, facets, createdAt }
 */

/** Bump when the projection (lib/search/projection.ts) changes shape, so old snapshots are rebuilt. */
export const SNAPSHOT_FORMAT = 1;


export interface SnapshotMeta {
  format: number;
  revision: number;
  docs: number;
  sha256: string;
  facets: string;
  createdAt: string;
}

export type SnapshotCheck = { ok: true; meta: SnapshotMeta } | { ok: false; reason: string };

export interface SnapshotLogger {
  info(message: string): void;
  warn(message: string): void;
}

export function snapshotFiles(dir: string) {
  return { docs: path.join(dir, "search-docs.jsonl"), meta: path.join(dir, "search-docs.meta.json") };
}

function parseMeta(text: string): SnapshotMeta | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return "its meta file is not JSON";
  }
  const m = raw as Partial<SnapshotMeta>;
  if (m.format !== SNAPSHOT_FORMAT) return `its format is ${String(m.format)}, expected ${SNAPSHOT_FORMAT}`;
  if (!Number.isInteger(m.revision) || !Number.isInteger(m.docs) || typeof m.sha256 !== "string" || typeof m.createdAt !== "string") return "its meta file lacks revision, docs, sha256 or createdAt";
  return m as SnapshotMeta;
}

/** Whether the snapshot in `dir` is intact (checksum, line count) and was made at `revision`. */
export function checkSnapshot(dir: string, revision: number): SnapshotCheck {
  const files = snapshotFiles(dir);
  // turbopackIgnore: these paths are under WORK_DIR at run time, not project files to trace into the build.
  if (!fs.existsSync(/*turbopackIgnore: true*/ files.meta) || !fs.existsSync(/*turbopackIgnore: true*/ files.docs)) return { ok: false, reason: "missing" };
  const meta = parseMeta(fs.readFileSync(/*turbopackIgnore: true*/ files.meta, "utf8"));
  if (typeof meta === "string") return { ok: false, reason: `corrupt (${meta})` };
  if (meta.facets !== toFacetTableFingerprint()) return { ok: false, reason: "stale (made under another facet table)" };
  if (meta.revision !== revision) return { ok: false, reason: `stale (made at store revision ${meta.revision}, the store is at ${revision})` };
  const hash = createHash("sha256");
  for (const chunk of readChunksSync(files.docs)) hash.update(chunk);
  if (hash.digest("hex") !== meta.sha256) return { ok: false, reason: "corrupt (checksum mismatch)" };
  return { ok: true, meta };
}

/**
 * The file in 4 MiB pieces. A snapshot of a large collection (633 MB at 1M records) is longer than
 * the longest string V8 can make (2^29 - 24 characters), so it is never read whole.
 */
function* readChunksSync(file: string): Generator<Buffer> {
  const fd = fs.openSync(/*turbopackIgnore: true*/ file, "r");
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Lines of a UTF-8 file without its line ends, split on the byte 0x0a (never inside a UTF-8 sequence). */
export function* readLinesSync(file: string): Generator<string> {
  let carry: Buffer = Buffer.alloc(0);
  for (const chunk of readChunksSync(file)) {
    const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      yield data.toString("utf8", start, nl);
      start = nl + 1;
    }
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length > 0) yield carry.toString("utf8");
}

function* readSnapshotDocs(dir: string, meta: SnapshotMeta): Generator<SearchDoc> {
  let n = 0;
  for (const line of readLinesSync(snapshotFiles(dir).docs)) {
    if (line === "") continue;
    n++;
    yield JSON.parse(line) as SearchDoc;
  }
  if (n !== meta.docs) throw new Error(`search snapshot holds ${n} documents, its meta says ${meta.docs}`);
}

/**
 * Documents projected from the store, written to a new snapshot as they pass (temporary files,
 * then renamed: a crash mid-way leaves the previous snapshot or none, never a half-written one).
 */
function* projectAndSnapshot(store: Store, dir: string, revision: number): Generator<SearchDoc> {
  const files = snapshotFiles(dir);
  fs.mkdirSync(dir, { recursive: true });
  const tmpDocs = `${files.docs}.${process.pid}.tmp`;
  const fd = fs.openSync(tmpDocs, "w");
  const hash = createHash("sha256");
  let n = 0;
  let done = false;
  try {
    for (const doc of toSearchDocs(store)) {
      const line = `${JSON.stringify(doc)}\n`;
      fs.writeSync(fd, line);
      hash.update(line);
      n++;
      yield doc;
    }
    done = true;
  } finally {
    fs.closeSync(fd);
    if (done) {
      const meta: SnapshotMeta = { format: SNAPSHOT_FORMAT, revision, docs: n, sha256: hash.digest("hex"), facets: toFacetTableFingerprint(), createdAt: new Date().toISOString() };
      fs.rmSync(files.meta, { force: true });
      fs.renameSync(tmpDocs, files.docs);
      const tmpMeta = `${files.meta}.${process.pid}.tmp`;
      fs.writeFileSync(tmpMeta, JSON.stringify(meta));
      fs.renameSync(tmpMeta, files.meta);
    } else {
      fs.rmSync(tmpDocs, { force: true });
    }
  }
}

const consoleLogger: SnapshotLogger = { info: (m) => console.log(m), warn: (m) => console.warn(m) };

/**
 * The search documents for the store at its current revision: from the snapshot when it is intact
 * and current, else projected from the store (and snapshotted for next time).
 */
export function getSearchDocs(store: Store, dir: string, log: SnapshotLogger = consoleLogger): Iterable<SearchDoc> {
  const revision = store.getRevision();
  const check = checkSnapshot(dir, revision);
  if (check.ok) {
    log.info(`[search] loading ${check.meta.docs} documents from the index snapshot in ${dir} (store revision ${revision})`);
    return readSnapshotDocs(dir, check.meta);
  }
  const message = `[search] index snapshot in ${dir} is ${check.reason}: rebuilding it from the store`;
  if (check.reason.startsWith("corrupt")) log.warn(message);
  else log.info(message);
  return projectAndSnapshot(store, dir, revision);
}
