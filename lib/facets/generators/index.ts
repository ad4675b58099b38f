import { languageGenerator } from "./language";
import { createGeneratorRegistry, type GeneratorRegistry } from "./registry";
import type { FacetGenerator } from "./types";

export type { FacetGenerator, GeneratedValue } from "./types";
export { createGeneratorRegistry, GeneratorRegistry, GeneratorRegistryError } from "./registry";

/**
 * The built-in generators, in the order `npm run facets:generate` runs them.
 *
 * GENRE SLOT: the genre generator (Fiction / Non-fiction from the trained model, h4-ml's
 * `ml/` loadModel/predictRecords) goes in `./genre.ts` as a `FacetGenerator` named "genre"
 * (the facet table's `generator: "genre"`), and is registered here, before language.
 */
const defaultRegistry: GeneratorRegistry = createGeneratorRegistry([languageGenerator]);

export function registerGenerator(generator: FacetGenerator, options?: { replace?: boolean }): void {
  defaultRegistry.register(generator, options);
}

export function getGenerators(): FacetGenerator[] {
  return defaultRegistry.list();
}

export function getGenerator(name: string): FacetGenerator | undefined {
  return defaultRegistry.get(name);
}
