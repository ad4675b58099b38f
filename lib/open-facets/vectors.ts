import fs from "node:fs";
import { readVectorFile, type VectorSet } from "@/ml/vectors/vector-file";
import { vectorFilePath } from "./paths";
import { buildIdIndex } from "./rank";

/**
 * The book vectors of a working folder, read once and kept until the file changes (a rebuild by
 * `npm run vectors:build` or by `npm start` is picked up without a restart). Shared by the web
 * server's open facets and by promoted-facet generators in the regeneration worker.
 */
export interface LoadedVectors {
  file: string;
  set: VectorSet;
  index: Map<string, number>;
}

const KEY = Symbol.for("glam-ml-facets.book-vectors");
type Holder = { [KEY]?: Map<string, { mtimeMs: number; size: number; loaded: LoadedVectors }> };

export function loadBookVectors(workDir: string): LoadedVectors {
  const file = vectorFilePath(workDir);
  const holder = globalThis as Holder;
  const cache = (holder[KEY] ??= new Map());
  const stat = fs.existsSync(file) ? fs.statSync(file) : null;
  const hit = cache.get(file);
  if (hit && stat && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.loaded;
  const set = readVectorFile(file);
  const loaded = { file, set, index: buildIdIndex(set) };
  if (stat) cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, loaded });
  return loaded;
}
