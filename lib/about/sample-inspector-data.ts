/**
 * Builds the sample inspector's figures from the labelled sample file, the store and the current
 * model, and caches them as JSON under `<WORK_DIR>/reports/sample-inspector.json`, keyed by the
 * store revision, the model version and the labels file hash, so a page view does not re-run
 * language identification on every request.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Store } from "@/lib/store/types";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { identifyTitles } from "@/ml/language/identify";
import {
  buildComparisons,
  buildFictionShares,
  buildFieldCompleteness,
  toDecade,
  toInspectorBook,
  type Comparison,
  type FictionShare,
  type FieldCompleteness,
  type InspectorBook,
} from "./sample-inspector";

export const SAMPLE_INSPECTOR_FORMAT = "sample-inspector/1";

export interface SampleInspectorReport {
  format: typeof SAMPLE_INSPECTOR_FORMAT;
  key: { storeRevision: number; modelVersion: string | null; labelsSha256: string; languageVersion: string | null };
  generatedAt: string;
  sample: { file: string; books: number; fiction: number };
  collection: { records: number; languageSource: string };
  comparisons: Comparison[];
  completeness: FieldCompleteness[];
  fiction: { byDecade: FictionShare[]; byLanguage: FictionShare[]; predictions: number; thresholds: Array<{ label: string; threshold: number | null }> } | null;
}

export interface SampleInspectorInput {
  store: Store;
  labelsFile: string;
  reportsDir: string;
  modelVersion: string | null;
  thresholds: ReadonlyArray<{ label: string; threshold: number | null }>;
  /** Replaceable in tests (the real one loads fastText lid.176). */
  identify?: (titles: readonly string[]) => Promise<Array<{ language: string } | null>>;
}

export const SAMPLE_INSPECTOR_FILE = "sample-inspector.json";

export class LabelsMissingError extends Error {
  override name = "LabelsMissingError";
}

export async function getSampleInspector(input: SampleInspectorInput): Promise<SampleInspectorReport> {
  if (!fs.existsSync(input.labelsFile)) throw new LabelsMissingError(`The labelled sample ${input.labelsFile} is missing: set BL_DATA_DIR to the folder holding annotations/train_valid.csv`);
  const labelsSha256 = createHash("sha256").update(fs.readFileSync(input.labelsFile)).digest("hex");
  const key = { storeRevision: input.store.getRevision(), modelVersion: input.modelVersion, labelsSha256, languageVersion: input.store.getCurrentVersion("language") };
  const cacheFile = path.join(input.reportsDir, SAMPLE_INSPECTOR_FILE);
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, "utf8")) as SampleInspectorReport;
    if (cached.format === SAMPLE_INSPECTOR_FORMAT && JSON.stringify(cached.key) === JSON.stringify(key)) return cached;
  } catch {
    // No cache or an unreadable one: rebuild below.
  }
  // Concurrent first views share one computation instead of each identifying 50k titles.
  const flightKey = `${cacheFile}|${JSON.stringify(key)}`;
  let pending = inFlight.get(flightKey);
  if (!pending) {
    pending = (async () => {
      const report = await buildSampleInspector(input, key);
      fs.mkdirSync(input.reportsDir, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(report)}\n`);
      fs.renameSync(tmp, cacheFile);
      return report;
    })().finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, pending);
  }
  return pending;
}

const inFlight = new Map<string, Promise<SampleInspectorReport>>();

async function buildSampleInspector(input: SampleInspectorInput, key: SampleInspectorReport["key"]): Promise<SampleInspectorReport> {
  const identify = input.identify ?? identifyTitles;
  const labelled = await readLabelledBooks(input.labelsFile);
  const sampleGuesses = await identify(labelled.books.map((b) => b.record.title));
  const sample: InspectorBook[] = labelled.books.map((b, i) => toInspectorBook(b.record, sampleGuesses[i]?.language ?? null));

  const storedLanguage = input.store.getCurrentPredictions("language");
  const genre = input.store.getCurrentPredictions("genre");
  const records = [...input.store.iterateRecords()];
  let languageSource = `stored predictions of the language generator (${key.languageVersion ?? "no version"})`;
  let languages: Array<string | null>;
  if (storedLanguage.size > 0) {
    languages = records.map((r) => storedLanguage.get(r.id)?.value ?? null);
  } else {
    // No stored language facet yet: identify the titles here, with the same identifier as the sample.
    const guesses = await identify(records.map((r) => r.title));
    languages = guesses.map((g) => g?.language ?? null);
    languageSource = "identified from the titles for this page (no stored language predictions)";
  }
  const collection = records.map((r, i) => toInspectorBook(r, languages[i] ?? null));

  let fiction: SampleInspectorReport["fiction"] = null;
  if (genre.size > 0) {
    const rows = records.flatMap((r, i) => {
      const p = genre.get(r.id);
      return p ? [{ decade: toDecade(r.year), language: languages[i] ?? "unidentified", value: p.value, confidence: p.confidence }] : [];
    });
    fiction = {
      byDecade: buildFictionShares(rows.map((r) => ({ group: r.decade, value: r.value, confidence: r.confidence })), input.thresholds),
      byLanguage: buildFictionShares(rows.map((r) => ({ group: r.language, value: r.value, confidence: r.confidence })), input.thresholds, false).slice(0, 12),
      predictions: rows.length,
      thresholds: [...input.thresholds],
    };
  }
  return {
    format: SAMPLE_INSPECTOR_FORMAT,
    key,
    generatedAt: new Date().toISOString(),
    sample: { file: path.basename(input.labelsFile), books: labelled.books.length, fiction: labelled.books.filter((b) => b.y === 1).length },
    collection: { records: records.length, languageSource },
    comparisons: buildComparisons(sample, collection),
    completeness: buildFieldCompleteness(sample, collection),
    fiction,
  };
}

/** The last computed report, whatever its key (the card page shows it without recomputing), or null. */
export function readCachedSampleInspector(reportsDir: string): SampleInspectorReport | null {
  try {
    const cached = JSON.parse(fs.readFileSync(path.join(reportsDir, SAMPLE_INSPECTOR_FILE), "utf8")) as SampleInspectorReport;
    return cached.format === SAMPLE_INSPECTOR_FORMAT ? cached : null;
  } catch {
    return null;
  }
}
