import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { getMappedCodes, getMappedLanguageNames, toLanguageCode, toLanguageName } from "./codes";

describe("toLanguageName", () => {
  it("maps lid.176 codes to the catalogue's English names", () => {
    expect(toLanguageName("en").name).toBe("English");
    expect(toLanguageName("nl").name).toBe("Dutch");
    expect(toLanguageName("sv").name).toBe("Swedish");
    expect(toLanguageName("da").name).toBe("Danish");
    expect(toLanguageName("ru").name).toBe("Russian");
    expect(toLanguageName("gd").name).toBe("Scottish Gaelic");
    expect(toLanguageName("cy").name).toBe("Welsh");
  });

  it("uses the catalogue spelling where it differs from the ISO name", () => {
    expect(toLanguageName("el").name).toBe("Greek");
    expect(toLanguageName("pa").name).toBe("Panjabi");
    expect(toLanguageName("si").name).toBe("Sinhalese");
  });

  it("accepts fastText labels and marks merged varieties", () => {
    expect(toLanguageCode("__label__fr")).toBe("fr");
    expect(toLanguageName("__label__fr")).toEqual({ code: "fr", name: "French", mapped: true, source: "table", merged: false });
    expect(toLanguageName("pnb")).toMatchObject({ name: "Panjabi", merged: true, mapped: true });
  });

  it("files lid.176's Norwegian (Bokmål) under Danish for this 19th-century collection (map2)", () => {
    expect(toLanguageName("no")).toMatchObject({ name: "Danish", merged: true, mapped: true });
    expect(toLanguageName("nn").name).toBe("Norwegian (Nynorsk)");
  });

  it("falls back to the ISO 639-3 name, flagged, for codes outside the table", () => {
    expect(toLanguageName("ceb")).toEqual({ code: "ceb", name: "Cebuano", mapped: false, source: "iso", merged: false });
  });

  it("falls back to the code itself when nothing is known", () => {
    expect(toLanguageName("xx-unknown")).toEqual({ code: "xx-unknown", name: "xx-unknown", mapped: false, source: "code", merged: false });
  });

  it("does not treat Object prototype keys as codes", () => {
    expect(toLanguageName("constructor").source).toBe("code");
  });

  it("has one name per code and no blank names", () => {
    for (const code of getMappedCodes()) expect(toLanguageName(code).name.trim()).not.toBe("");
    expect(getMappedLanguageNames()).toContain("English");
  });
});

// The table must be able to produce every language name the data files use.
describe("language names in the BL data files", () => {
  function names(file: string, column: string): Set<string> {
    const dataDir = process.env.BL_DATA_DIR;
    if (!dataDir) throw new Error("BL_DATA_DIR is not set: point it at the folder holding bl-digitised-books.csv");
    const rows = parse(fs.readFileSync(path.join(dataDir, file)), { columns: true, bom: true }) as Array<Record<string, string>>;
    const out = new Set<string>();
    for (const row of rows) for (const v of (row[column] ?? "").split(";")) if (v.trim()) out.add(v.trim());
    return out;
  }

  it("covers every name in Languages and in the OCR language file", () => {
    const used = new Set([...names("bl-digitised-books.csv", "Languages"), ...names("ocr-language-1890s.csv", "Language of OCR text")]);
    expect(used.size).toBeGreaterThan(20);
    const mapped = new Set(getMappedLanguageNames());
    expect([...used].filter((n) => !mapped.has(n))).toEqual([]);
  });
});
