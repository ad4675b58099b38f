import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { formatIngestSummary, ingestRecords, rejectsPath } from "@/lib/records/ingest";
import { RecordsFileError } from "@/lib/records/parse";
import { openStore } from "@/lib/store";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);
const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "ingest-test-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("ingestRecords", () => {
  it("stores the good rows, writes the bad ones to the rejects file, and a second run changes nothing", async () => {
    const work = tempDir();
    const store = openStore(path.join(work, "store.sqlite"));
    const rejectsDir = path.join(work, "rejects");

    const first = await ingestRecords({ input: fixture("bad-rows.csv"), store, rejectsDir });
    expect(first.summary).toEqual({ read: 10, inserted: 4, updated: 0, unchanged: 0, rejected: 6, unparsedDates: 0 });
    expect(first.rejectsFile).toBe(path.join(rejectsDir, "bad-rows.rejects.csv"));
    const rejects = parse(fs.readFileSync(first.rejectsFile, "utf8"), { columns: true }) as Array<{ line: string; reason: string; raw: string }>;
    expect(rejects.map((r) => Number(r.line))).toEqual([3, 4, 5, 6, 8, 10]);
    expect(rejects[0]).toEqual({ line: "3", reason: "no BL record ID", raw: ",A book with no id,London" });
    const revision = store.getRevision();

    const second = await ingestRecords({ input: fixture("bad-rows.csv"), store, rejectsDir });
    expect(second.summary).toEqual({ read: 10, inserted: 0, updated: 0, unchanged: 4, rejected: 6, unparsedDates: 0 });
    expect(store.getRevision()).toBe(revision);
    expect(store.countRecords()).toBe(4);
    expect(formatIngestSummary(second)).toMatch(/unchanged\s+4/);
    store.close();
  });

  it("counts unparsed dates and reports progress for both phases", async () => {
    const store = openStore(":memory:");
    const phases = new Set<string>();
    const result = await ingestRecords({
      input: fixture("collection-small.csv"),
      store,
      rejectsDir: tempDir(),
      onProgress: (phase) => phases.add(phase),
    });
    expect(result.summary).toMatchObject({ read: 5, inserted: 5, rejected: 0, unparsedDates: 1 });
    expect([...phases]).toEqual(["read", "write"]);
    // Nothing rejected: the rejects file still exists, header only, so an old one never misleads.
    expect(fs.readFileSync(result.rejectsFile, "utf8")).toBe("line,reason,raw\n");
    store.close();
  });

  it("leaves the store untouched when the file cannot be ingested", async () => {
    const work = tempDir();
    const store = openStore(":memory:");
    const bad = path.join(work, "no-title.csv");
    fs.writeFileSync(bad, "BL record ID,Name\n1,Someone\n");
    await expect(ingestRecords({ input: bad, store, rejectsDir: work })).rejects.toThrow(RecordsFileError);
    expect(store.countRecords()).toBe(0);
    expect(store.getRevision()).toBe(0);
    store.close();
  });

  it("names the rejects file after the input", () => {
    expect(rejectsPath("/w/rejects", "/data/bl-digitised-books.csv")).toBe("/w/rejects/bl-digitised-books.rejects.csv");
  });
});
