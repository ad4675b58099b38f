import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { COLLECTION_FILE, DATA_SOURCES, LABELS_FILE, chooseDataDir, type DataSource } from "@/lib/records/data-files";
import { DataDownloadError, ensureData } from "@/lib/records/download";

/**
 * The real download cannot be tried here (no network), so a local HTTP server on 127.0.0.1
 * serves tiny hand-written files: a real HTTP download, just local.
 */

const PORT = 3101; // h1-records' port range; nothing listens on CLOSED_PORT
const CLOSED_PORT = 3102;
const BASE = `http://127.0.0.1:${PORT}`;

const TINY_COLLECTION = "BL record ID,Title,Date of publication\r\n0001,A Tiny Test Book,1871\r\n";
const TINY_LABELS = "BL record ID,Title,annotator_genre,is_valid\n0001,A Tiny Test Book,Fiction,False\n";

let server: http.Server;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/collection.csv") {
      res.writeHead(200, { "content-type": "text/csv", "content-length": Buffer.byteLength(TINY_COLLECTION) });
      res.end(TINY_COLLECTION);
    } else if (req.url === "/labels.csv") {
      res.writeHead(200, { "content-type": "text/csv" }); // no content-length: chunked
      res.end(TINY_LABELS);
    } else if (req.url === "/login-page") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><html><body>Please sign in</body></html>");
    } else {
      res.writeHead(404);
      res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "download-test-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const localSources = (collectionPath = "/collection.csv", base = BASE): DataSource[] => [
  { ...DATA_SOURCES[0]!, url: `${base}${collectionPath}` },
  { ...DATA_SOURCES[1]!, url: `${base}/labels.csv` },
];

describe("chooseDataDir", () => {
  const has = (...files: string[]) => (f: string) => files.includes(f);

  it("uses BL_DATA_DIR when it holds the collection file", () => {
    const c = chooseDataDir({ BL_DATA_DIR: "/data", WORK_DIR: "/w" }, has(`/data/${COLLECTION_FILE}`, `/data/${LABELS_FILE}`));
    expect(c).toEqual({ dir: "/data", origin: "BL_DATA_DIR", missing: [] });
  });

  it("falls back to <WORK_DIR>/data when BL_DATA_DIR is unset or lacks the collection", () => {
    expect(chooseDataDir({ WORK_DIR: "/w" }, has()).dir).toBe("/w/data");
    const c = chooseDataDir({ BL_DATA_DIR: "/data", WORK_DIR: "/w" }, has(`/data/${LABELS_FILE}`));
    expect(c.origin).toBe("WORK_DIR");
    expect(c.missing.map((s) => s.file)).toEqual([COLLECTION_FILE, LABELS_FILE]);
  });

  it("lists only the files still missing", () => {
    const c = chooseDataDir({ WORK_DIR: "/w" }, has(`/w/data/${COLLECTION_FILE}`));
    expect(c.missing.map((s) => s.file)).toEqual([LABELS_FILE]);
  });
});

describe("ensureData", () => {
  it("does nothing when BL_DATA_DIR holds the data", async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, COLLECTION_FILE), TINY_COLLECTION);
    const result = await ensureData({ env: { BL_DATA_DIR: dataDir, WORK_DIR: tempDir() }, sources: localSources("/missing") });
    expect(result).toEqual({ dir: dataDir, origin: "BL_DATA_DIR", downloaded: [] });
  });

  it("downloads the missing files into <WORK_DIR>/data with progress, then not again", async () => {
    const work = tempDir();
    const progress: Array<{ file: string; bytes: number; total: number | null }> = [];
    const result = await ensureData({ env: { WORK_DIR: work }, sources: localSources(), onProgress: (p) => progress.push(p) });
    const dataDir = path.join(work, "data");
    expect(result).toEqual({ dir: dataDir, origin: "WORK_DIR", downloaded: [COLLECTION_FILE, LABELS_FILE] });
    expect(fs.readFileSync(path.join(dataDir, COLLECTION_FILE), "utf8")).toBe(TINY_COLLECTION);
    expect(fs.readFileSync(path.join(dataDir, LABELS_FILE), "utf8")).toBe(TINY_LABELS);
    expect(progress.find((p) => p.file === COLLECTION_FILE)).toMatchObject({ bytes: Buffer.byteLength(TINY_COLLECTION), total: Buffer.byteLength(TINY_COLLECTION) });
    expect(progress.find((p) => p.file === LABELS_FILE)?.total).toBeNull();
    expect(fs.readdirSync(dataDir).some((f) => f.endsWith(".part"))).toBe(false);

    const again = await ensureData({ env: { WORK_DIR: work }, sources: localSources("/missing") });
    expect(again.downloaded).toEqual([]);
  });

  it("refuses a page that is not the expected CSV and leaves no file behind", async () => {
    const work = tempDir();
    const run = ensureData({ env: { WORK_DIR: work }, sources: localSources("/login-page") });
    await expect(run).rejects.toThrow(DataDownloadError);
    await expect(ensureData({ env: { WORK_DIR: work }, sources: localSources("/login-page") })).rejects.toThrow(/did not give the expected CSV .*"BL record ID"/);
    expect(fs.readdirSync(path.join(work, "data"))).toEqual([]);
  });

  it("reports an HTTP error with which files to put where", async () => {
    const work = tempDir();
    const error = await ensureData({ env: { WORK_DIR: work }, sources: localSources("/gone") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDownloadError);
    expect((error as Error).message).toContain("answered HTTP 404");
    expect((error as Error).message).toContain(path.join(work, "data", COLLECTION_FILE));
  });

  it("offline, stops with a message naming each file, its place and its source", async () => {
    const work = tempDir();
    const sources = localSources("/collection.csv", `http://127.0.0.1:${CLOSED_PORT}`);
    const error = await ensureData({ env: { WORK_DIR: work }, sources }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDownloadError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Could not download the BL data \(fetch failed: .*ECONNREFUSED/);
    expect(message).toContain("put the files in place by hand");
    for (const s of sources) {
      expect(message).toContain(path.join(work, "data", s.file));
      expect(message).toContain(s.url);
    }
    expect(message).toContain("BL_DATA_DIR");
  });
});
