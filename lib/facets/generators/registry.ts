import type { FacetGenerator } from "./types";

export class GeneratorRegistryError extends Error {
  override name = "GeneratorRegistryError";
}

/**
 * Generators by name. The default registry (see ./index.ts) holds the built-in ones; tests
 * build their own with `createGeneratorRegistry()` so they never leak into each other.
 */
export class GeneratorRegistry {
  private readonly byName = new Map<string, FacetGenerator>();

  register(generator: FacetGenerator, options: { replace?: boolean } = {}): void {
    if (!/^[a-z][a-z0-9_]*$/.test(generator.name)) {
      throw new GeneratorRegistryError(`Generator name "${generator.name}" must be lower-case letters, digits and "_" (it names a facet generator in the facet table)`);
    }
    if (this.byName.has(generator.name) && !options.replace) {
      throw new GeneratorRegistryError(`A generator named "${generator.name}" is already registered (pass { replace: true } to swap it)`);
    }
    this.byName.set(generator.name, generator);
  }

  /** Removes a generator (a retired promoted facet); its stored versions stay in the store. */
  unregister(name: string): boolean {
    return this.byName.delete(name);
  }

  get(name: string): FacetGenerator | undefined {
    return this.byName.get(name);
  }

  /** In registration order. */
  list(): FacetGenerator[] {
    return [...this.byName.values()];
  }
}

export function createGeneratorRegistry(generators: readonly FacetGenerator[] = []): GeneratorRegistry {
  const registry = new GeneratorRegistry();
  for (const g of generators) registry.register(g);
  return registry;
}
