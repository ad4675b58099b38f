import { describe, expect, it } from "vitest";
import type { BookRecord } from "@/lib/records/types";
import { toSearchDoc, toSearchDocs } from "@/lib/search/projection";
import type { Prediction } from "@/lib/store/types";

const record: BookRecord = {
  id: "000000101",
  title: "Poems of to-day",
  name: "Green, Anne",
  allNames: ["Green, Anne", "Grey, Ann [person]"],
  places: ["London"],
  countries: ["England"],
  publisher: "Murray",
  dateRaw: "[1871?]",
  year: 1871,
  edition: null,
  physicalDescription: null,
  shelfmark: "Digital Store 11651.h.6",
  shelfmarkClass: "11651.h.6",
  catalogueGenre: null,
  topics: null,
  languages: [],
  physicalId: null,
  link: null,
  fields: {},
};

describe("toSearchDoc", () => {
  it("fills genre and the predicted language when the catalogue has no language", () => {
    const doc = toSearchDoc(record, {
      genre: { recordId: record.id, value: "Fiction", confidence: 0.93, version: "genre-v2" },
      language: { recordId: record.id, value: "English", confidence: 0.8, version: "lang-v1" },
    });
    expect(doc).toMatchObject({
      names: ["Green, Anne", "Grey, Ann [person]"],
      decade: "1870s",
      date_raw: "[1871?]",
      genre: "Fiction",
      genre_confidence: 0.93,
      genre_model: "genre-v2",
      language: ["English"],
      language_source: "predicted",
      language_confidence: 0.8,
      language_model: "lang-v1",
    });
  });

  it("lets the catalogue language win over a prediction", () => {
    const doc = toSearchDoc(
      { ...record, languages: ["German", "Latin"] },
      { language: { recordId: record.id, value: "English", confidence: 0.99, version: "lang-v1" } },
    );
    expect(doc).toMatchObject({ language: ["German", "Latin"], language_source: "catalogue", language_confidence: null, language_model: null });
  });

  it("leaves machine fields empty without predictions", () => {
    const doc = toSearchDoc({ ...record, year: null }, {});
    expect(doc).toMatchObject({ genre: null, genre_confidence: null, language: [], language_source: null, decade: null });
  });
});

describe("toSearchDocs", () => {
  it("joins each record with the current version of every generator", () => {
    const preds = new Map<string, Prediction>([[record.id, { recordId: record.id, value: "Non-fiction", confidence: 0.7 }]]);
    const docs = [
      ...toSearchDocs({
        iterateRecords: () => [record, { ...record, id: "000000102" }][Symbol.iterator](),
        getCurrentVersion: (g) => (g === "genre" ? "genre-v3" : null),
        getCurrentPredictions: (g) => (g === "genre" ? preds : new Map()),
      }),
    ];
    expect(docs.map((d) => [d.id, d.genre, d.genre_model])).toEqual([
      ["000000101", "Non-fiction", "genre-v3"],
      ["000000102", null, null],
    ]);
  });
});
