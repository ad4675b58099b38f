import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore, openStore } from "@/lib/store";
import { MIGRATIONS, migrate, type Migration } from "@/lib/store/migrations";
import type { BookRecord } from "@/lib/records/types";
import type { Prediction } from "@/lib/store/types";

function record(id: string, overrides: Partial<BookRecord> = {}): BookRecord {
  return {
    id,
    title: `Title ${id}`,
    name: null,
    allNames: [],
    places: ["London"],
    countries: [],
    publisher: null,
    dateRaw: "1871",
    year: 1871,
    edition: null,
    physicalDescription: null,
    shelfmark: null,
    shelfmarkClass: null,
    catalogueGenre: null,
    topics: null,
    languages: [],
    physicalId: null,
    link: null,
    fields: { "BL record ID": id, Title: `Title ${id}` },
    ...overrides,
  };
}

const tempDirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-test-"));
  tempDirs.push(dir);
  return path.join(dir, "nested", "store.sqlite");
}
afterEach(() => {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe.each([
  ["in memory", () => ":memory:"],
  ["on disk", tempFile],
])("SqliteStore %s", (_label, where) => {
  it("inserts, counts, reads back and iterates records in insertion order", () => {
    const store = openStore(where());
    const summary = store.upsertRecords([record("003"), record("001"), record("002", { year: null, dateRaw: "18--" })]);
    expect(summary).toEqual({ read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0, unparsedDates: 1 });
    expect(store.countRecords()).toBe(3);
    expect(store.getRecord("001")).toEqual(record("001"));
    expect(store.getRecord("nope")).toBeNull();
    expect([...store.iterateRecords()].map((r) => r.id)).toEqual(["003", "001", "002"]);
    store.close();
  });

  it("re-ingesting identical records changes nothing, a changed record is updated and bumps the revision", () => {
    const store = openStore(where());
    store.upsertRecords([record("1"), record("2")]);
    const rev = store.getRevision();
    expect(rev).toBeGreaterThan(0);
    const again = store.upsertRecords([record("1"), record("2")]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(store.getRevision()).toBe(rev);
    const changed = store.upsertRecords([record("1", { title: "New title" }), record("2")]);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect(store.getRecord("1")!.title).toBe("New title");
    expect(store.getRevision()).toBe(rev + 1);
    store.close();
  });

  it("iterates past one page of records", () => {
    const store = openStore(where());
    const many = Array.from({ length: 4_500 }, (_, i) => record(String(i).padStart(6, "0")));
    store.upsertRecords(many);
    const ids = [...store.iterateRecords()].map((r) => r.id);
    expect(ids).toHaveLength(4_500);
    expect(ids[4_499]).toBe("004499");
    store.close();
  });

  it("keeps prediction versions apart and serves the current one", () => {
    const store = openStore(where());
    store.upsertRecords([record("a"), record("b")]);
    const v1 = store.putPredictionVersion(
      { generator: "genre", version: "v1", createdAt: "2026-11-25T10:00:00Z", meta: { model: "m1" } },
      [
        { recordId: "a", value: "Fiction", confidence: 0.9, extra: { p_fiction: 0.9 } },
        { recordId: "b", value: "Non-fiction", confidence: 0.7 },
      ],
    );
    expect(v1.records).toBe(2);
    expect(store.getCurrentVersion("genre")).toBeNull();
    expect(store.getCurrentPredictions("genre").size).toBe(0);

    const rev = store.getRevision();
    store.setCurrentVersion("genre", "v1");
    expect(store.getRevision()).toBe(rev + 1);
    store.setCurrentVersion("genre", "v1");
    expect(store.getRevision()).toBe(rev + 1);

    store.putPredictionVersion({ generator: "genre", version: "v2", createdAt: "2026-11-25T11:00:00Z", meta: {} }, [
      { recordId: "a", value: "Non-fiction", confidence: 0.6 },
    ]);
    expect(store.getCurrentPredictions("genre").get("a")).toEqual({ recordId: "a", value: "Fiction", confidence: 0.9, extra: { p_fiction: 0.9 } });
    store.setCurrentVersion("genre", "v2");
    expect(store.getCurrentPredictions("genre").get("a")?.value).toBe("Non-fiction");
    expect(store.getCurrentPredictions("genre").has("b")).toBe(false);

    expect(store.listPredictionVersions("genre").map((v) => [v.version, v.records])).toEqual([["v2", 1], ["v1", 2]]);
    expect(store.listPredictionVersions("genre")[1]!.meta).toEqual({ model: "m1" });
    expect(store.getPredictionHistory("a").map((h) => [h.version, h.value])).toEqual([["v2", "Non-fiction"], ["v1", "Fiction"]]);

    // Rollback is just moving the pointer back.
    store.setCurrentVersion("genre", "v1");
    expect(store.getCurrentPredictions("genre").get("a")?.value).toBe("Fiction");
    store.close();
  });

  it("refuses to overwrite a version, to point at a missing one, or to store a NaN confidence (leaving nothing half-written)", () => {
    const store = openStore(where());
    const meta = { generator: "genre", version: "v1", createdAt: "2026-11-25T10:00:00Z", meta: {} };
    store.putPredictionVersion(meta, [{ recordId: "a", value: "Fiction", confidence: 0.5 }]);
    expect(() => store.putPredictionVersion(meta, [])).toThrow(/already exists/);
    expect(() => store.setCurrentVersion("genre", "v9")).toThrow(/No stored prediction version genre\/v9/);
    const bad: Prediction[] = [
      { recordId: "a", value: "Fiction", confidence: 0.5 },
      { recordId: "b", value: "Fiction", confidence: Number.NaN },
    ];
    expect(() => store.putPredictionVersion({ ...meta, version: "v2" }, bad)).toThrow(/record b .* non-finite/);
    expect(store.listPredictionVersions("genre").map((v) => v.version)).toEqual(["v1"]);
    expect(() => store.putPredictionVersion({ ...meta, version: "v3" }, [
      { recordId: "a", value: "Fiction", confidence: 0.5 },
      { recordId: "a", value: "Fiction", confidence: 0.5 },
    ])).toThrow(/record a/);
    expect(store.listPredictionVersions("genre").map((v) => v.version)).toEqual(["v1"]);
    store.close();
  });
});

describe("SqliteStore on disk", () => {
  it("uses WAL and a busy timeout, and a second connection sees committed writes", () => {
    const file = tempFile();
    const writer = openSqliteStore(file);
    expect(writer.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(writer.db.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1000);
    const reader = openStore(file);
    const before = reader.getRevision();
    writer.upsertRecords([record("x")]);
    expect(reader.getRevision()).toBe(before + 1);
    expect(reader.getRecord("x")?.title).toBe("Title x");
    writer.close();
    reader.close();
  });

  it("keeps data across reopen", () => {
    const file = tempFile();
    const a = openStore(file);
    a.upsertRecords([record("kept")]);
    a.close();
    const b = openStore(file);
    expect(b.countRecords()).toBe(1);
    b.close();
  });
});

describe("migrate", () => {
  it("applies each migration once, in order, recording the version", () => {
    const db = new Database(":memory:");
    const extra: Migration[] = [...MIGRATIONS, { name: "extra", sql: "CREATE TABLE extra_table (x INTEGER);" }];
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    expect(migrate(db, extra)).toEqual([MIGRATIONS.length + 1]);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer version/);
    db.close();
  });

  it("rolls back a failing migration and leaves the version unchanged", () => {
    const db = new Database(":memory:");
    migrate(db, MIGRATIONS);
    const broken: Migration[] = [...MIGRATIONS, { name: "broken", sql: "CREATE TABLE half (x); THIS IS NOT SQL;" }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });
});
