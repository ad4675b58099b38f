import { describe, expect, it } from "vitest";
import { buildTestRecord } from "@/lib/testing/book-record";
import { buildRis, getLiveGenre, toRisAuthor, toRisFilename } from "./ris";

const record = buildTestRecord("000123456", "The Forester's Daughter.\nA novel", {
  name: "Smith, Jane, 1820-1890",
  allNames: ["Smith, Jane, 1820-1890 [person]", "Brown, Tom [person]"],
  places: ["London", "Edinburgh"],
  publisher: "Hurst & Blackett",
  year: 1871,
  dateRaw: "1871-",
  shelfmark: "British Library HMNTS 12640.a.9.",
  link: "http://access.bl.uk/item/viewer/ark:/81055/vdc_000000000001",
});

describe("RIS citation", () => {
  it("writes the tags a reference manager reads, one line each, CRLF, ending with ER", () => {
    const ris = buildRis(record, { genre: { value: "Fiction", confidence: 0.9349, modelVersion: "20261125T172331Z-title-52f623cf" }, recordUrl: "https://example.org/records/000123456" });
    expect(ris.split("\r\n")).toEqual([
      "TY  - BOOK",
      "ID  - 000123456",
      "TI  - The Forester's Daughter. A novel",
      "AU  - Smith, Jane, 1820-1890",
      "AU  - Brown, Tom",
      "PY  - 1871",
      "CY  - London",
      "CY  - Edinburgh",
      "PB  - Hurst & Blackett",
      "UR  - http://access.bl.uk/item/viewer/ark:/81055/vdc_000000000001",
      "UR  - https://example.org/records/000123456",
      "N1  - Genre predicted by machine learning (not catalogued): Fiction, confidence 0.93, model 20261125T172331Z-title-52f623cf. BL shelfmark: British Library HMNTS 12640.a.9.",
      "DB  - British Library, Microsoft Digitised Books",
      "ER  - ",
      "",
    ]);
  });

  it("leaves out what the record lacks, keeps a raw date, and notes a catalogue genre apart from the prediction", () => {
    const sparse = buildTestRecord("9", "Poems", { dateRaw: "[18--]", catalogueGenre: "Poetry" });
    const ris = buildRis(sparse);
    expect(ris).toBe(["TY  - BOOK", "ID  - 9", "TI  - Poems", "PY  - [18--]", "N1  - Catalogue genre: Poetry.", "DB  - British Library, Microsoft Digitised Books", "ER  - ", ""].join("\r\n"));
    expect(ris).not.toMatch(/predicted/);
  });

  it("cleans role suffixes from names and builds a safe file name", () => {
    expect(toRisAuthor("Hazlitt, William Carew [person]")).toBe("Hazlitt, William Carew");
    expect(toRisFilename({ id: "00/12", title: "Œuvres complètes: \"tome 1\"" })).toBe("uvres-completes-tome-1-0012.ris");
  });

  it("reads the live genre prediction and its model version from the store", () => {
    const store = {
      getCurrentVersion: (g: string) => (g === "genre" ? "m2@t" : null),
      listPredictionVersions: () => [{ generator: "genre", version: "m2@t", createdAt: "", meta: { modelVersion: "m2" }, records: 1 }],
      getPredictionHistory: () => [
        { generator: "genre", version: "m1@t", createdAt: "", recordId: "9", value: "Non-fiction", confidence: 0.6 },
        { generator: "genre", version: "m2@t", createdAt: "", recordId: "9", value: "Fiction", confidence: 0.8 },
      ],
    };
    expect(getLiveGenre(store, "9")).toEqual({ value: "Fiction", confidence: 0.8, modelVersion: "m2" });
    expect(getLiveGenre({ ...store, getCurrentVersion: () => null }, "9")).toBeNull();
  });
});
