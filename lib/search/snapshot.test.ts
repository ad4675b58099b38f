import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toSearchDocs } from "@/lib/search/projection";
import { checkSnapshot, getSearchDocs, snapshotFiles, type SnapshotLogger } from "@/lib/search/snapshot";
import { openStore } from "@/lib/store";
import { buildTestRecord } from "@/lib/testing/book-record";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "search-snapshot-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function setup(name: string) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const store = openStore(path.join(dir, "store.sqlite"));
  store.upsertRecords([buildTestRecord("s1", "A History of Bath", { year: 1850 }), buildTestRecord("s2", "Tales of to-day", { year: 1871 }), buildTestRecord("s3", "Histoire de Paris")]);
  const lines: string[] = [];
  const log: SnapshotLogger = { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
  return { store, indexes: path.join(dir, "indexes"), lines, log };
}

const ids = (docs: Iterable<{ id: string }>) => [...docs].map((d) => d.id).sort();

describe("search index snapshot", () => {
  it("is written on the first build and loaded, identical, on the next start", () => {
    const { store, indexes, lines, log } = setup("roundtrip");
    const built = [...getSearchDocs(store, indexes, log)];
    expect(lines.at(-1)).toMatch(/^info .* is missing: rebuilding it from the store$/);
    expect(checkSnapshot(indexes, store.getRevision()).ok).toBe(true);
    const loaded = [...getSearchDocs(store, indexes, log)];
    expect(lines.at(-1)).toMatch(/^info \[search\] loading 3 documents from the index snapshot/);
    expect(loaded).toEqual(built);
    expect(loaded).toEqual([...toSearchDocs(store)]);
    store.close();
  });

  it("is rebuilt from the store, with a warning, when a byte of it is corrupted", () => {
    const { store, indexes, lines, log } = setup("corrupt");
    [...getSearchDocs(store, indexes, log)];
    const file = snapshotFiles(indexes).docs;
    const bytes = fs.readFileSync(file);
    bytes[10] = bytes[10] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(file, bytes);
    const docs = [...getSearchDocs(store, indexes, log)];
    expect(lines.at(-1)).toMatch(/^warn \[search\] index snapshot in .* is corrupt \(checksum mismatch\): rebuilding it from the store$/);
    expect(ids(docs)).toEqual(["s1", "s2", "s3"]);
    expect(checkSnapshot(indexes, store.getRevision()).ok).toBe(true);
    store.close();
  });

  it("is rebuilt when truncated, when its meta file is garbage or gone, and when the store moved on", () => {
    const { store, indexes, lines, log } = setup("damaged");
    const files = snapshotFiles(indexes);
    [...getSearchDocs(store, indexes, log)];

    fs.truncateSync(files.docs, 20);
    expect(ids(getSearchDocs(store, indexes, log))).toEqual(["s1", "s2", "s3"]);
    expect(lines.at(-1)).toMatch(/corrupt \(checksum mismatch\)/);

    fs.writeFileSync(files.meta, "{not json");
    expect(ids(getSearchDocs(store, indexes, log))).toEqual(["s1", "s2", "s3"]);
    expect(lines.at(-1)).toMatch(/corrupt \(its meta file is not JSON\)/);

    fs.rmSync(files.meta);
    expect(ids(getSearchDocs(store, indexes, log))).toEqual(["s1", "s2", "s3"]);
    expect(lines.at(-1)).toMatch(/is missing/);

    store.upsertRecords([buildTestRecord("s4", "Annals of Norway", { year: 1885 })]);
    expect(ids(getSearchDocs(store, indexes, log))).toEqual(["s1", "s2", "s3", "s4"]);
    expect(lines.at(-1)).toMatch(/is stale \(made at store revision \d+, the store is at \d+\)/);
    store.close();
  });

  it("leaves no half-written snapshot when a build stops part-way", () => {
    const { store, indexes, log } = setup("interrupted");
    const it = getSearchDocs(store, indexes, log)[Symbol.iterator]();
    it.next();
    it.return?.();
    expect(checkSnapshot(indexes, store.getRevision())).toEqual({ ok: false, reason: "missing" });
    expect(fs.readdirSync(indexes).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    store.close();
  });
});

describe("readLinesSync", () => {
  it("gives back every line of a file larger than its read size, multi-byte characters intact across pieces", async () => {
    const { readLinesSync } = await import("@/lib/search/snapshot");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-lines-"));
    try {
      // ~9 MiB: more than two 4 MiB pieces, with 2- and 4-byte characters falling on their edges.
      const lines = Array.from({ length: 60_000 }, (_, i) => `${i} Erzählung ${"𝔊é".repeat(i % 37)} ${"x".repeat(i % 101)}`);
      const file = path.join(dir, "lines.jsonl");
      fs.writeFileSync(file, `${lines.join("\n")}\n`);
      expect(fs.statSync(file).size).toBeGreaterThan(8 * 1024 * 1024);
      expect([...readLinesSync(file)]).toEqual(lines);
      fs.writeFileSync(file, "no final newline");
      expect([...readLinesSync(file)]).toEqual(["no final newline"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
