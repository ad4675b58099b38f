import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestRecord } from "@/lib/testing/book-record";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "export-route-"));
process.env.WORK_DIR = workDir;
process.env.MEILI_URL = "";

let route: typeof import("./route");
let risRoute: typeof import("@/app/records/[id]/citation.ris/route");

beforeAll(async () => {
  const { openStore } = await import("@/lib/store");
  const store = openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords([
    buildTestRecord("r1", "The Prisoner: a novel", { year: 1878, link: "http://access.bl.uk/item/viewer/ark:/81055/vdc_1" }),
    buildTestRecord("r2", "Tales of the Highlands", { year: 1825, languages: ["English"] }),
    buildTestRecord("r3", "A Treatise on Geology", { year: 1833 }),
  ]);
  const genre = store.putPredictionVersion({ generator: "genre", version: "gm-1@t", createdAt: "2026-11-25T00:00:00Z", meta: { modelVersion: "gm-1" } }, [
    { recordId: "r1", value: "Fiction", confidence: 0.97 },
    { recordId: "r2", value: "Fiction", confidence: 0.8 },
    { recordId: "r3", value: "Non-fiction", confidence: 0.96 },
  ]);
  store.setCurrentVersion("genre", genre.version);
  const language = store.putPredictionVersion({ generator: "language", version: "lm-1@t", createdAt: "2026-11-25T00:00:00Z", meta: { modelVersion: "lm-1" } }, [
    { recordId: "r1", value: "English", confidence: 0.9 },
    { recordId: "r2", value: "Scots", confidence: 0.4 },
  ]);
  store.setCurrentVersion("language", language.version);
  store.close();
  route = await import("./route");
  risRoute = await import("@/app/records/[id]/citation.ris/route");
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

const get = (qs: string) => route.GET(new Request(`http://localhost/api/export?${qs}`));

describe("GET /api/export", () => {
  it("streams every match of the search as CSV, with ML fields and a file name", async () => {
    const res = await get("f.genre=Fiction&min_confidence=0.9&per_page=1&page=1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="bl-books-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.headers.get("x-export-total")).toBe("1");
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ id: "r1", genre: "Fiction", genre_confidence: "0.97", genre_model: "gm-1", genre_source: "predicted", language: "English", language_source: "predicted" })]);
  });

  it("exports more than one page, as JSON", async () => {
    const res = await get("format=json&per_page=1&sort=year_asc");
    const body = await res.json();
    expect(body.total).toBe(3);
    expect(body.rows.map((r: { id: string }) => r.id)).toEqual(["r2", "r3", "r1"]);
    expect(body.rows[0]).toMatchObject({ language: "English", language_source: "catalogue", language_model: null, genre_confidence: 0.8 });
  });

  it.each([
    ["format=xml", "format"],
    ["format=csv&format=json", "format"],
    ["min_confidence=2", "min_confidence"],
    ["f.nope=x", "f.nope"],
    ["colour=red", "colour"],
  ])("answers %s with 400 naming %s", async (qs, param) => {
    const res = await get(qs);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ param });
  });
});

describe("GET /records/[id]/citation.ris", () => {
  it("cites the book with the predicted genre noted as machine-generated", async () => {
    const res = await risRoute.GET(new Request("http://localhost/records/r1/citation.ris"), { params: Promise.resolve({ id: "r1" }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="the-prisoner-a-novel-r1.ris"');
    const text = await res.text();
    expect(text).toContain("TY  - BOOK\r\n");
    expect(text).toContain("UR  - http://access.bl.uk/item/viewer/ark:/81055/vdc_1\r\n");
    expect(text).toContain("UR  - http://localhost/records/r1\r\n");
    expect(text).toContain("N1  - Genre predicted by machine learning (not catalogued): Fiction, confidence 0.97, model gm-1.");
  });

  it("answers an unknown id with 404", async () => {
    const res = await risRoute.GET(new Request("http://localhost/records/zz/citation.ris"), { params: Promise.resolve({ id: "zz" }) });
    expect(res.status).toBe(404);
  });
});
