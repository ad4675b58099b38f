import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it, vi } from "vitest";
import { getSearchDocs, snapshotFiles } from "@/lib/search/snapshot";
import { openStore } from "@/lib/store";
import { buildTestRecord } from "@/lib/testing/book-record";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-start-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

it("a server starting on a corrupted index snapshot rebuilds it from the store, says so, and serves every record", async () => {
  process.env.WORK_DIR = workDir;
  process.env.MEILI_URL = "";
  const indexes = path.join(workDir, "indexes");
  const store = openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords([buildTestRecord("c1", "A History of Bath", { year: 1850 }), buildTestRecord("c2", "Tales of to-day", { year: 1871 })]);
  [...getSearchDocs(store, indexes, { info: () => undefined, warn: () => undefined })];
  store.close();
  // Replace a document inside the snapshot: valid JSON, wrong contents; only the checksum can tell.
  const file = snapshotFiles(indexes).docs;
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("A History of Bath", "A Forgery of Bath"));

  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const { GET } = await import("@/app/api/search/route");
  const res = await GET(new Request("http://test/api/search?q=bath"));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { total: number; hits: Array<{ title: string }> };
  expect(body.hits.map((h) => h.title)).toEqual(["A History of Bath"]);
  expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringMatching(/index snapshot in .* is corrupt \(checksum mismatch\): rebuilding it from the store/));
  warn.mockRestore();
});
