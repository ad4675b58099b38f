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

const live = (entries: Array<[string, string, Prediction]>) =>
  new Map(entries.map(([generator, version, p]) => [generator, { version, modelVersion: version, predictions: new Map([[p.recordId, p]]) }]));

describe("toSearchDoc", () => {
  it("fills genre and the predicted language when the catalogue has no language", () => {
    const doc = toSearchDoc(
      record,
      live([
        ["genre", "genre-v2", { recordId: record.id, value: "Fiction", confidence: 0.93 }],
        ["language", "lang-v1", { recordId: record.id, value: "English", confidence: 0.8 }],
      ]),
    );
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
      live([["language", "lang-v1", { recordId: record.id, value: "English", confidence: 0.99 }]]),
    );
    expect(doc).toMatchObject({ language: ["German", "Latin"], language_source: "catalogue", language_confidence: null, language_model: null });
  });

  it("leaves machine fields empty without predictions", () => {
    const doc = toSearchDoc({ ...record, year: null }, new Map());
    expect(doc).toMatchObject({ genre: null, genre_confidence: null, language: [], language_source: null, decade: null });
  });
});

describe("toSearchDocs", () => {
  it("joins each record with the current version of every generator", async () => {
    const { openStore } = await import("@/lib/store");
    const store = openStore(":memory:");
    store.upsertRecords([record, { ...record, id: "000000102" }]);
    const v = store.putPredictionVersion({ generator: "genre", version: "genre-v3", createdAt: "2026-11-25T00:00:00Z", meta: {} }, [
      { recordId: record.id, value: "Non-fiction", confidence: 0.7 },
    ]);
    store.setCurrentVersion("genre", v.version);
    const docs = [...toSearchDocs(store)];
    store.close();
    expect(docs.map((d) => [d.id, d.genre, d.genre_model])).toEqual([
      ["000000101", "Non-fiction", "genre-v3"],
      ["000000102", null, null],
    ]);
  });
});
