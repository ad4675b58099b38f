import { describe, expect, it } from "vitest";
import { evaluateLanguage, LanguageFileError, parseOcrLanguageFile, toCatalogueItems, toOcrItems, type ScoredItem } from "./evaluate";
import type { LanguageGuess } from "./identify";

const guess = (language: string, confidence: number, mapped = true): LanguageGuess => ({ code: language.slice(0, 2).toLowerCase(), language, confidence, rawConfidence: confidence, mapped });

describe("parseOcrLanguageFile", () => {
  it("reads physical ID -> language", () => {
    const map = parseOcrLanguageFile("BL record ID for physical resource,Language of OCR text\n0001,English\n0002,French\n");
    expect([...map]).toEqual([["0001", "English"], ["0002", "French"]]);
  });

  it("names the file and line of a bad row", () => {
    expect(() => parseOcrLanguageFile("BL record ID for physical resource,Language of OCR text\n0001,English\n0002,\n", "ocr.csv")).toThrow(/ocr\.csv, line 3: empty "Language of OCR text"/);
    expect(() => parseOcrLanguageFile("BL record ID for physical resource,Language of OCR text\n1,English\n1,French\n", "ocr.csv")).toThrow(/line 3: 1 is listed twice/);
  });

  it("rejects a file without the expected columns", () => {
    expect(() => parseOcrLanguageFile("BL record ID,Language\n1,English\n", "x.csv")).toThrow(LanguageFileError);
  });
});

describe("evaluateLanguage", () => {
  const items: ScoredItem[] = [
    { id: "1", title: "A", gold: ["English"], predicted: guess("English", 0.95) },
    { id: "2", title: "B", gold: ["English"], predicted: guess("French", 0.4) },
    { id: "3", title: "C", gold: ["French"], predicted: guess("French", 0.9) },
    { id: "4", title: "D", gold: ["Dutch", "English"], predicted: guess("English", 0.8) },
    { id: "5", title: "E", gold: ["English"], predicted: null },
    { id: "6", title: "F", gold: ["Danish"], predicted: guess("Cebuano", 0.2, false) },
  ];
  const e = evaluateLanguage(items, { thresholds: [0, 0.5] });

  it("counts any of several reference languages as right", () => {
    expect(e.correct).toBe(3);
    expect(e.accuracy).toBeCloseTo(3 / 6);
    expect(e.multiLanguage).toEqual({ books: 1, correct: 1, accuracy: 1 });
    expect(e.noPrediction).toBe(1);
  });

  it("gives recall per reference language and precision per predicted language", () => {
    const english = e.perLanguage.find((r) => r.language === "English")!;
    expect(english).toMatchObject({ support: 3, correct: 1, predicted: 2, precision: 1 });
    expect(english.accuracy).toBeCloseTo(1 / 3);
    const french = e.perLanguage.find((r) => r.language === "French")!;
    expect(french).toMatchObject({ support: 1, correct: 1, predicted: 2, precision: 0.5 });
  });

  it("lists confusions, thresholds, baseline and unmapped codes", () => {
    expect(e.topConfusions.map((c) => [c.gold, c.predicted, c.count])).toContainEqual(["English", "French", 1]);
    expect(e.topConfusions.map((c) => c.predicted)).toContain("(no prediction)");
    expect(e.thresholds[1]).toMatchObject({ threshold: 0.5, books: 3, accuracy: 1 });
    expect(e.thresholds[1]!.accuracyBelow).toBeCloseTo(0);
    expect(e.baseline).toEqual({ language: "English", accuracy: 4 / 6 });
    expect(e.unmappedCodes).toEqual([{ code: "ce", language: "Cebuano", count: 1 }]);
  });
});

describe("joining records to references", () => {
  const records = [
    { id: "r1", title: "T1", physicalId: "p1", languages: ["English"] },
    { id: "r2", title: "T2", physicalId: null, languages: [] },
    { id: "r3", title: "T3", physicalId: "p3", languages: [] },
  ];
  const predictions = [guess("English", 0.9), guess("French", 0.9), guess("German", 0.9)];

  it("joins the OCR file on the physical-resource ID", () => {
    const items = toOcrItems(records, predictions, new Map([["p3", "German"], ["r1", "English"]]));
    expect(items.map((i) => [i.id, i.gold, i.predicted?.language])).toEqual([["r3", ["German"], "German"]]);
  });

  it("scores only records with catalogue languages", () => {
    expect(toCatalogueItems(records, predictions).map((i) => i.id)).toEqual(["r1"]);
  });
});
