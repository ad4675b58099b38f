import { describe, expect, it } from "vitest";
import { toIdentifierText } from "./preprocess";

describe("toIdentifierText", () => {
  it("drops digits and punctuation (brackets included) and lowercases", () => {
    expect(toIdentifierText("Algier og Sahara [With plates, including maps.]")).toBe("algier og sahara with plates including maps");
    expect(toIdentifierText("Danmarks Historie fra 1536 til 1670")).toBe("danmarks historie fra til");
  });

  it("removes the cataloguer's bracketed notes when asked, keeping a leading supplied title", () => {
    const strip = { stripNotes: true };
    expect(toIdentifierText("Algier og Sahara [With plates, including maps.]", strip)).toBe("algier og sahara");
    expect(toIdentifierText("[Notas de viage. [With plates.]]: Colombia", strip)).toBe("notas de viage colombia");
  });

  it("removes nested notes innermost first", () => {
    expect(toIdentifierText("Gedichte [Edited by A. [i.e. Anna] Smith.] Zweite Auflage", { stripNotes: true })).toBe("gedichte zweite auflage");
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

  it("can keep case when asked", () => {
    expect(toIdentifierText("Algier [With plates.]", { lowercase: false })).toBe("Algier With plates");
  });
});
