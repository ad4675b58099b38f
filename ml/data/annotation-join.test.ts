import { describe, expect, it } from "vitest";
import type { BookRecord } from "@/lib/records/types";
import { checkAnnotationJoin } from "./annotation-join";

const record = (places: string[], publisher: string | null, annotated: { place?: string; publisher?: string }): BookRecord =>
  ({
    id: "1",
    title: "A title",
    places,
    publisher,
    fields: { annotator_place_pub: annotated.place ?? "", annotator_publisher: annotated.publisher ?? "" },
  }) as unknown as BookRecord;

describe("checkAnnotationJoin", () => {
  it("flags an annotation whose place contradicts the record and whose publisher does not match", () => {
    const check = checkAnnotationJoin(record(["Stockholm"], "P. A. Norstedt", { place: "Paris", publisher: "H. Champion" }));
    expect(check.mismatch).toBe(true);
    expect(check.reason).toBe('annotated place "Paris", record\'s "Stockholm"');
    expect(checkAnnotationJoin(record(["Leipzig"], null, { place: "London", publisher: "Ward and Downey" })).mismatch).toBe(true);
  });

  it("accepts the same place written differently: brackets, Latin forms, accents, exonyms", () => {
    expect(checkAnnotationJoin(record(["London]"], null, { place: "London" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["Londini"], null, { place: "London" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["München"], null, { place: "Munich" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["Kjøbenhavn"], null, { place: "Copenhagen" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["London"], null, { place: "Westminster" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["Bury St Edmunds"], null, { place: "Bury St. Edmund's" })).mismatch).toBe(false);
  });

  it("lets a shared publisher override a contradicting place", () => {
    expect(checkAnnotationJoin(record(["Edinburgh"], "A. Constable", { place: "Glasgow", publisher: "Archibald Constable & Co." })).mismatch).toBe(false);
  });

  it("counts a missing place on either side as consistent", () => {
    expect(checkAnnotationJoin(record([], null, { place: "London" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["Leipzig"], null, { place: "NONE" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["Leipzig"], null, {})).mismatch).toBe(false);
  });

  it("compares non-Latin places by their letters", () => {
    expect(checkAnnotationJoin(record(["Санктпетербургъ"], null, { place: "Санктпетербург" })).mismatch).toBe(false);
    expect(checkAnnotationJoin(record(["Санктпетербургъ"], null, { place: "Wiesbaden" })).mismatch).toBe(true);
  });
});
