import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "@/lib/search/embedded";
import { FIXTURE_DOCS } from "@/lib/search/fixtures/docs";
import { defaultSearchQuery } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";
import { buildExport, ExportTimeoutError, toExportFilename } from "./stream";
import { toExportColumns } from "./rows";

const engine = await EmbeddedSearchEngine.create(FIXTURE_DOCS);
const query = (over: Partial<SearchQuery> = {}): SearchQuery => ({ ...defaultSearchQuery(), ...over });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  let text = "";
  let chunks = 0;
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    text += decoder.decode(value, { stream: true });
  }
  return { text, chunks };
}

describe("export stream", () => {
  it("CSV: one row per matching book, whatever the page size, with the machine fields", async () => {
    // Fiction at >= 0.9 in the fixture table: d03 .95, d06 .99, d08 .97, d13 .93, d20 .99, d24 .90.
    const q = query({ filters: { genre: ["Fiction"] }, minConfidence: 0.9, perPage: 2, page: 3, sort: "year_asc" });
    const plan = await buildExport(engine, q, { format: "csv" });
    expect(plan).toMatchObject({ total: 6, rows: 6, truncated: false });
    const rows = parse((await readAll(plan.stream)).text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(["d13", "d20", "d03", "d24", "d06", "d08"]);
    const d03 = rows.find((r) => r.id === "d03")!;
    expect(d03).toMatchObject({ genre: "Fiction", genre_confidence: "0.95", genre_model: "genre-test-1", genre_source: "predicted" });
    expect(d03).toMatchObject({ language: "German", language_confidence: "0.99", language_model: "language-test-1", language_source: "predicted" });
    const d06 = rows.find((r) => r.id === "d06")!;
    expect(d06).toMatchObject({ language: "English", language_source: "catalogue", language_confidence: "", language_model: "" });
    expect(Object.keys(d03)).toEqual(toExportColumns());
  });

  it("JSON: rows, total and columns; lists joined; no genre means no source", async () => {
    const plan = await buildExport(engine, query({ q: "america" }), { format: "json" });
    const body = JSON.parse((await readAll(plan.stream)).text);
    expect(body).toMatchObject({ total: 1, cap: 100_000, truncated: false });
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ id: "d19", genre: null, genre_confidence: null, genre_source: null, places: "New York" });
    const all = JSON.parse((await readAll((await buildExport(engine, query(), { format: "json" })).stream)).text);
    expect(all.rows).toHaveLength(FIXTURE_DOCS.length);
    expect(all.rows.find((r: { id: string }) => r.id === "d05").places).toBe("London; Paris");
  });

  it("honours the cap and says the result was cut", async () => {
    const plan = await buildExport(engine, query(), { format: "csv", cap: 5 });
    expect(plan).toMatchObject({ total: 24, rows: 5, truncated: true });
    const rows = parse((await readAll(plan.stream)).text, { columns: true });
    expect(rows).toHaveLength(5);
    const json = JSON.parse((await readAll((await buildExport(engine, query(), { format: "json", cap: 3 })).stream)).text);
    expect(json).toMatchObject({ total: 24, cap: 3, truncated: true });
    expect(json.rows).toHaveLength(3);
  });

  it("is pulled in chunks, not built whole", async () => {
    const big = await EmbeddedSearchEngine.create(
      Array.from({ length: 1_300 }, (_, i) => ({ ...FIXTURE_DOCS[i % FIXTURE_DOCS.length]!, id: `x${i}` })),
    );
    const { chunks, text } = await readAll((await buildExport(big, query(), { format: "csv" })).stream);
    expect(text.trimEnd().split("\n")).toHaveLength(1_301);
    // header + ceil(1300 / 500) row chunks
    expect(chunks).toBe(4);
  });

  it("aborts past the time bound instead of ending a partial file quietly", async () => {
    let t = 0;
    const plan = await buildExport(engine, query(), { format: "csv", timeLimitMs: 10, now: () => (t += 20) });
    await expect(readAll(plan.stream)).rejects.toThrow(ExportTimeoutError);
  });

  it("names the file after the query and date", () => {
    expect(toExportFilename(query({ q: "Tales of the Highlands!" }), "csv", new Date("2026-11-25T10:00:00Z"))).toBe("bl-books-tales-of-the-highlands-2026-11-25.csv");
    expect(toExportFilename(query(), "json", new Date("2026-11-25T10:00:00Z"))).toBe("bl-books-2026-11-25.json");
  });
});
