import path from "node:path";
import { describe, expect, it } from "vitest";
import { RecordsFileError, parseRecordsFile, parseRecordsText, streamRecordsFile } from "@/lib/records/parse";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

describe("parseRecordsFile on the collection format", () => {
  it("maps every column and normalises dates, places, languages and shelfmarks", async () => {
    const { records, rejected, stats } = await parseRecordsFile(fixture("collection-small.csv"));
    expect(rejected).toEqual([]);
    expect(stats).toMatchObject({ rows: 5, accepted: 5, rejected: 0, unparsedDates: 1 });
    expect(stats.columns).toHaveLength(25);
    expect(records.map((r) => r.id)).toEqual(["000000101", "000000102", "000000103", "000000104", "000000105"]);

    const first = records[0]!;
    expect(first).toMatchObject({
      title: "The Lantern-Maker's Daughter, a tale in three volumes",
      name: "Quill, Amelia",
      allNames: ["Quill, Amelia, 1820-1890 [person]", "Inkwell, Thomas [person]"],
      places: ["London"],
      countries: ["England"],
      publisher: "Paper & Sons",
      dateRaw: "1871-",
      year: 1871,
      edition: "Second edition",
      physicalDescription: "3 vol. (8°)",
      shelfmark: "Digital Store 12345.a.1",
      shelfmarkClass: "12345.a.1",
      catalogueGenre: "Fiction",
      languages: ["English", "French"],
      physicalId: "000900101",
      link: "http://example.org/viewer/ark:/00000/test101",
      topics: null,
    });
    expect(first.fields["Dates associated with name"]).toBe("1820-1890");
    expect(first.fields["Topics"]).toBeUndefined();
    expect(Object.values(first.fields)).not.toContain("");

    expect(records[1]).toMatchObject({ places: ["New York"], year: 1897, shelfmarkClass: "10001.b.2", link: null, publisher: null });
    expect(records[2]).toMatchObject({ title: 'Über die Mühlen des Nordens: Eine "Erzählung"', places: ["Leipzig"], year: 1774 });
    expect(records[3]).toMatchObject({ places: ["Boston, Mass", "London"], year: 1892, dateRaw: "1892, 93" });
    expect(records[4]).toMatchObject({ year: null, dateRaw: "18--", places: [], allNames: [] });
  });

  it("reads a file with only the two required columns", async () => {
    const { records } = await parseRecordsFile(fixture("minimal.csv"));
    expect(records.map((r) => [r.id, r.title])).toEqual([["0001", "First minimal book"], ["0002", "Second, with a comma"]]);
    expect(records[0]).toMatchObject({ places: [], year: null, shelfmark: null, fields: { "BL record ID": "0001", Title: "First minimal book" } });
  });

  it("takes the physical id from the real export's `Digitised Record Match` column", async () => {
    const { records } = await parseRecordsFile(fixture("export-alias.csv"));
    expect(records[0]).toMatchObject({ physicalId: "000777", year: 1879 });
    expect(records[0]!.fields["Digitised Record Match"]).toBe("000777");
  });
});

describe("the labels file", () => {
  it("keeps repeated ids with duplicates: keep, extra columns in fields, multi-line fields intact", async () => {
    const { records, rejected, stats } = await parseRecordsFile(fixture("labels-small.csv"), { duplicates: "keep" });
    expect(rejected).toEqual([]);
    expect(stats.rows).toBe(4);
    expect(records.map((r) => r.id)).toEqual(["000000201", "000000202", "000000201", "000000203"]);
    expect(records.map((r) => r.fields["annotator_genre"])).toEqual(["Fiction", "Non-fiction", "Fiction", "Fiction"]);
    expect(records.map((r) => r.fields["is_valid"])).toEqual(["False", "False", "False", "True"]);
    expect(records[1]!.fields["annotator_comments"]).toBe("first line of a comment\nsecond line of the comment");
    expect(records[2]!.fields["annotator_comments"]).toBe("another annotator");
  });

  it("rejects the repeats by default, naming the first line", async () => {
    const { records, rejected } = await parseRecordsFile(fixture("labels-small.csv"));
    expect(records).toHaveLength(3);
    // Line 5: the row after a two-line row starts on line 5.
    expect(rejected).toEqual([{ line: 5, reason: "duplicate BL record ID 000000201 (first seen on line 2)", raw: "000000201,The Sailor's Return,1850,Fiction,another annotator,False" }]);
  });
});

describe("bad rows", () => {
  it("reports each bad row with its line and keeps every good one, recovering after a broken quote", async () => {
    const { records, rejected, stats } = await parseRecordsFile(fixture("bad-rows.csv"));
    expect(records.map((r) => r.id)).toEqual(["000000301", "000000306", "000000308", "000000310"]);
    expect(records[2]!.title).toBe('A quote "well" escaped');
    expect(rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 8, 10]);
    const reasons = Object.fromEntries(rejected.map((r) => [r.line, r.reason]));
    expect(reasons[3]).toBe("no BL record ID");
    expect(reasons[4]).toBe("no Title (record 000000303)");
    expect(reasons[5]).toBe("duplicate BL record ID 000000301 (first seen on line 2)");
    expect(reasons[6]).toMatch(/unterminated quoted field/);
    expect(reasons[8]).toBe("wrong number of columns: expected 3, found 4");
    expect(reasons[10]).toMatch(/malformed quoted field .*after the closing quote/);
    expect(rejected.find((r) => r.line === 6)!.raw).toBe('000000305,"A broken quote that never closes,London');
    expect(stats).toMatchObject({ rows: 10, accepted: 4, rejected: 6 });
  });

  it("fails with the missing and the found columns when a required column is absent", () => {
    expect(() => parseRecordsText("Record,Title\n1,x\n", {}, "books.csv")).toThrow(
      'books.csv is missing required column(s) "BL record ID". Columns found: "Record", "Title".',
    );
    expect(() => parseRecordsText("BL record ID,Title\n1,x\n", { requiredColumns: ["BL record ID", "Title", "annotator_genre"] })).toThrow(
      /missing required column\(s\) "annotator_genre"/,
    );
  });

  it("explains a semicolon- or tab-separated file and bare CR line ends", () => {
    expect(() => parseRecordsText("BL record ID;Title\n1;x\n", {}, "excel.csv")).toThrow(/missing required column.*The header looks ";"-separated/);
    expect(() => parseRecordsText("BL record ID\tTitle\n1\tx\n", {}, "tabs.csv")).toThrow(/tab-separated/);
    expect(() => parseRecordsText("BL record ID,Title\r1,x\r2,y\r", {}, "mac.csv")).toThrow(/mac.csv uses bare carriage returns/);
  });

  it("fails clearly on an empty file", () => {
    expect(() => parseRecordsText("", {}, "empty.csv")).toThrow(RecordsFileError);
    expect(() => parseRecordsText("\n\n", {}, "empty.csv")).toThrow(/empty.csv is empty/);
  });

  it("matches header names regardless of case and spacing", () => {
    const { records } = parseRecordsText(" bl record id ,TITLE\n7,Seven\n");
    expect(records[0]).toMatchObject({ id: "7", title: "Seven" });
  });
});

describe("lean parsing and streaming", () => {
  it("copies only the requested columns into fields", () => {
    const text = "BL record ID,Title,Publisher,is_valid\n1,One,Pub,True\n";
    expect(parseRecordsText(text, { fields: "none" }).records[0]!.fields).toEqual({});
    expect(parseRecordsText(text, { fields: ["is_valid", "no such column"] }).records[0]!.fields).toEqual({ is_valid: "True" });
    expect(parseRecordsText(text, { fields: "none" }).records[0]!.publisher).toBe("Pub");
  });

  it("streams in batches whose last stats are the file totals", async () => {
    const batches = [];
    for await (const b of streamRecordsFile(fixture("bad-rows.csv"), { batchSize: 1 })) batches.push(b);
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches.flatMap((b) => b.records).map((r) => r.id)).toEqual(["000000301", "000000306", "000000308", "000000310"]);
    expect(batches.flatMap((b) => b.rejected)).toHaveLength(6);
    expect(batches.at(-1)!.stats).toMatchObject({ rows: 10, accepted: 4, rejected: 6 });
  });

  it("reports progress in bytes", async () => {
    const seen: Array<[number, number]> = [];
    await parseRecordsFile(fixture("minimal.csv"), { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
    expect(seen.at(-1)![1]).toBeGreaterThan(0);
  });

  it("names the file when it cannot be read", async () => {
    await expect(parseRecordsFile("/nonexistent/books.csv")).rejects.toThrow(/Cannot read records file \/nonexistent\/books.csv/);
  });
});
