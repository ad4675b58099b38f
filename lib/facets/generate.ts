import { createHash } from "node:crypto";
import type { BookRecord } from "@/lib/records/types";
import type { Prediction, Store } from "@/lib/store/types";
import { getGenerators } from "./generators";
import type { FacetGenerator, GeneratedValue } from "./generators/types";

/**
 * Runs generators over every record in the store and stores each one's output as a new
 * prediction version (never overwriting an old one), then points the generator at it.
 * The search projection follows the current-version pointers, so readers switch per generator
 * in one step.
 */

export class GenerateError extends Error {
  override name = "GenerateError";
}

export interface GenerateProgress {
  generator: string;
  phase: "predict" | "store" | "done" | "skipped";
  done: number;
  total: number;
}

export interface GenerateOptions {
  /** Default: every registered generator (lib/facets/generators). */
  generators?: readonly FacetGenerator[];
  /** Records per `predict` call (progress granularity). Default 5,000. */
  batchSize?: number;
  onProgress?: (progress: GenerateProgress) => void;
  /**
   * Leave a generator alone when its current version was made by the same model version from
   * the same records (start-up uses this so a restart does not pile up identical versions).
   */
  skipUpToDate?: boolean;
  /** Changed-value examples to keep per generator. Default 5. */
  examples?: number;
  /** Clock for version stamps (tests). */
  now?: () => Date;
}

export interface ChangeExample {
  recordId: string;
  title: string;
  before: string | null;
  after: string | null;
}

export interface GeneratorRunSummary {
  generator: string;
  modelVersion: string;
  /** Stored version id (`<modelVersion>@<timestamp>`); the current one when skipped. */
  version: string | null;
  skipped: boolean;
  records: number;
  /** Stored predictions (records the generator had an answer for). */
  predictions: number;
  noPrediction: number;
  durationMs: number;
  previousVersion: string | null;
  /** Records whose value differs from the previous current version (added and removed included). */
  changed: number;
  added: number;
  removed: number;
  examples: ChangeExample[];
}

export interface GenerateSummary {
  records: number;
  durationMs: number;
  generators: GeneratorRunSummary[];
}

/** Digest of the records a version was computed from, to tell whether it is still up to date. */
export function toRecordsDigest(records: readonly BookRecord[]): string {
  const hash = createHash("sha256");
  for (const r of records) {
    hash.update(r.id);
    hash.update("\u0000");
    hash.update(JSON.stringify(r));
    hash.update("\u0001");
  }
  return hash.digest("hex").slice(0, 16);
}

function toStamp(date: Date): string {
  return date.toISOString().replace(/:/g, "-").replace(/\.\d+Z$/, "Z");
}

function uniqueVersionId(store: Store, generator: string, base: string): string {
  const taken = new Set(store.listPredictionVersions(generator).map((v) => v.version));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function checkValue(generator: string, record: BookRecord, value: GeneratedValue | null | undefined): GeneratedValue | null {
  if (value === null) return null;
  const where = `generator "${generator}", record ${record.id}`;
  if (value === undefined || typeof value !== "object") throw new GenerateError(`${where}: predict returned no entry for this record`);
  if (typeof value.value !== "string" || value.value.trim() === "") throw new GenerateError(`${where}: empty value`);
  if (!Number.isFinite(value.confidence) || value.confidence < 0 || value.confidence > 1) {
    throw new GenerateError(`${where}: confidence ${value.confidence} is not a number between 0 and 1`);
  }
  return value;
}

export interface WriteVersionOptions extends Omit<GenerateOptions, "generators"> {
  /** Records to predict; default every record in the store. */
  records?: readonly BookRecord[];
  /** Make the new version current (default true). The regeneration job passes false and flips pointers itself. */
  makeCurrent?: boolean;
  /** Extra provenance stored with the version (job id, who asked...). */
  meta?: Record<string, unknown>;
}

/**
 * One generator over the records: a new stored version, made current unless told otherwise.
 * Also the building block for the staff regeneration job (`FacetWork.predict`).
 */
export async function writeGeneratorVersion(store: Store, generator: FacetGenerator, options: WriteVersionOptions = {}): Promise<GeneratorRunSummary> {
  const records = options.records ?? [...store.iterateRecords()];
  return runGenerator(store, generator, records, toRecordsDigest(records), options);
}

async function runGenerator(store: Store, generator: FacetGenerator, records: readonly BookRecord[], digest: string, options: WriteVersionOptions): Promise<GeneratorRunSummary> {
  const start = performance.now();
  const name = generator.name;
  const total = records.length;
  let modelVersion: string;
  try {
    modelVersion = await generator.version();
  } catch (cause) {
    // e.g. the genre generator with no trained model: say which generator and why, not a stack trace.
    throw new GenerateError(`generator "${name}" cannot say its version: ${(cause as Error).message}`, { cause });
  }
  const previousVersion = store.getCurrentVersion(name);

  if (options.skipUpToDate && previousVersion !== null) {
    const current = store.listPredictionVersions(name).find((v) => v.version === previousVersion);
    if (current && current.meta.modelVersion === modelVersion && current.meta.recordsDigest === digest) {
      options.onProgress?.({ generator: name, phase: "skipped", done: total, total });
      return {
        generator: name, modelVersion, version: previousVersion, skipped: true, records: total, predictions: current.records,
        noPrediction: total - current.records, durationMs: performance.now() - start, previousVersion, changed: 0, added: 0, removed: 0, examples: [],
      };
    }
  }

  const batchSize = Math.max(1, options.batchSize ?? 5000);
  const rows: Prediction[] = [];
  options.onProgress?.({ generator: name, phase: "predict", done: 0, total });
  for (let from = 0; from < total; from += batchSize) {
    const batch = records.slice(from, from + batchSize);
    let out: Array<GeneratedValue | null>;
    try {
      out = await generator.predict(batch);
    } catch (cause) {
      throw new GenerateError(`generator "${name}" failed on records ${from + 1}-${from + batch.length}: ${(cause as Error).message}`, { cause });
    }
    if (!Array.isArray(out) || out.length !== batch.length) {
      throw new GenerateError(`generator "${name}" returned ${Array.isArray(out) ? out.length : typeof out} results for ${batch.length} records`);
    }
    batch.forEach((record, i) => {
      const v = checkValue(name, record, out[i]);
      if (v) rows.push({ recordId: record.id, value: v.value, confidence: v.confidence, ...(v.extra ? { extra: v.extra } : {}) });
    });
    options.onProgress?.({ generator: name, phase: "predict", done: from + batch.length, total });
    // Generators may compute synchronously; yielding a macrotask between batches lets timers
    // (job heartbeats, cancel checks) and I/O run during a long generation.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  const previous = previousVersion !== null ? store.getCurrentPredictions(name) : new Map<string, Prediction>();
  const titles = new Map(records.map((r) => [r.id, r.title]));
  const keep = options.examples ?? 5;
  const examples: ChangeExample[] = [];
  let changed = 0;
  let added = 0;
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.recordId);
    const before = previous.get(row.recordId)?.value ?? null;
    if (before === row.value) continue;
    changed++;
    if (before === null) added++;
    if (examples.length < keep) examples.push({ recordId: row.recordId, title: titles.get(row.recordId) ?? "", before, after: row.value });
  }
  let removed = 0;
  for (const [recordId, p] of previous) {
    if (seen.has(recordId)) continue;
    removed++;
    changed++;
    if (examples.length < keep) examples.push({ recordId, title: titles.get(recordId) ?? "", before: p.value, after: null });
  }

  options.onProgress?.({ generator: name, phase: "store", done: total, total });
  const createdAt = (options.now ?? (() => new Date()))();
  const version = uniqueVersionId(store, name, `${modelVersion}@${toStamp(createdAt)}`);
  const meta = {
    ...((await generator.meta?.()) ?? {}),
    ...(options.meta ?? {}),
    modelVersion,
    recordsDigest: digest,
    storeRecords: total,
    noPrediction: total - rows.length,
    changedFromPrevious: changed,
    previousVersion,
  };
  store.putPredictionVersion({ generator: name, version, createdAt: createdAt.toISOString(), meta }, rows);
  if (options.makeCurrent ?? true) store.setCurrentVersion(name, version);
  options.onProgress?.({ generator: name, phase: "done", done: total, total });

  return {
    generator: name, modelVersion, version, skipped: false, records: total, predictions: rows.length, noPrediction: total - rows.length,
    durationMs: performance.now() - start, previousVersion, changed, added, removed, examples,
  };
}

export async function generateFacets(store: Store, options: GenerateOptions = {}): Promise<GenerateSummary> {
  const start = performance.now();
  const generators = options.generators ?? getGenerators();
  const names = new Set<string>();
  for (const g of generators) {
    if (names.has(g.name)) throw new GenerateError(`generator "${g.name}" is listed twice`);
    names.add(g.name);
  }
  // Read once, before any await: the store's iterator must not stay open while generators run.
  const records = [...store.iterateRecords()];
  const digest = toRecordsDigest(records);
  const summaries: GeneratorRunSummary[] = [];
  for (const g of generators) summaries.push(await runGenerator(store, g, records, digest, options));
  return { records: records.length, durationMs: performance.now() - start, generators: summaries };
}
