import { genreGenerator } from "./genre";
import { languageGenerator } from "./language";
import { createGeneratorRegistry, type GeneratorRegistry } from "./registry";
import type { FacetGenerator } from "./types";

export type { FacetGenerator, GeneratedValue } from "./types";
export { createGeneratorRegistry, GeneratorRegistry, GeneratorRegistryError } from "./registry";

/**
 * The built-in generators, in the order `npm run facets:generate` runs them.
 * Genre first: it is the portal's main facet, and on a fresh start the first page should show it
 * even if a later generator fails.
 */
const defaultRegistry: GeneratorRegistry = createGeneratorRegistry([genreGenerator, languageGenerator]);

export function registerGenerator(generator: FacetGenerator, options?: { replace?: boolean }): void {
  defaultRegistry.register(generator, options);
}

export function unregisterGenerator(name: string): boolean {
  return defaultRegistry.unregister(name);
}

export function getGenerators(): FacetGenerator[] {
  return defaultRegistry.list();
}

export function getGenerator(name: string): FacetGenerator | undefined {
  return defaultRegistry.get(name);
}
