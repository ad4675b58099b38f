import { describe, expect, it } from "vitest";
import { toIdentifierText } from "./preprocess";

describe("toIdentifierText", () => {
  it("drops the cataloguer's bracketed notes, digits and punctuation, and lowercases", () => {
    expect(toIdentifierText("Algier og Sahara [With plates, including maps.]")).toBe("algier og sahara");
    expect(toIdentifierText("Danmarks Historie fra 1536 til 1670")).toBe("danmarks historie fra til");
  });

  it("keeps a leading bracketed title supplied by the cataloguer, minus notes inside it", () => {
    expect(toIdentifierText("[Notas de viage. [With plates.]]: Colombia")).toBe("notas de viage colombia");
  });

  it("removes nested notes innermost first", () => {
    expect(toIdentifierText("Gedichte [Edited by A. [i.e. Anna] Smith.] Zweite Auflage")).toBe("gedichte zweite auflage");
  });

  it("keeps in-word apostrophes and drops stray quotes and 'etc'", () => {
    expect(toIdentifierText("Armand de l'Isle, 'roman', etc")).toBe("armand de l'isle roman");
  });

  it("respells pre-reform Russian, but leaves modern Ukrainian alone", () => {
    expect(toIdentifierText("Исторія Россіи съ древнѣйшихъ временъ")).toBe("история россии с древнейших времен");
    expect(toIdentifierText("Історія України")).toBe("історія україни");
  });

  it("returns an empty string when the title has no letters", () => {
    expect(toIdentifierText("1871. [--]")).toBe("");
  });

  it("can keep notes and case when asked", () => {
    expect(toIdentifierText("Algier [With plates.]", { stripNotes: false, lowercase: false })).toBe("Algier With plates");
  });
});
