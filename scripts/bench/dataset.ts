import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { workPaths } from "@/lib/env";
import { COLLECTION_FILE } from "@/lib/records/data-files";
import { ingestRecords } from "@/lib/records/ingest";
import { openStore } from "@/lib/store";
import type { Prediction, Store } from "@/lib/store/types";

/**
 * The bench's store: the real collection ingested into the bench's own WORK_DIR (never the
 * user's), with every generator's predictions. When a generator has no current version, the
 * bench writes a clearly named synthetic one (hash-derived values and confidences) so the ML
 * facets and min_confidence are exercised at full size; the report says so.
 */
export interface BenchDataset {
  workDir: string;
  storeFile: string;
  records: number;
  ingestSeconds: number | null;
  synthetic: string[];
}

export class BenchSetupError extends Error {
  override name = "BenchSetupError";
}

export async function ensureBenchDataset(opts: {
  workDir: string;
  dataDir: string | undefined;
  /** A collection file to ingest instead of BL_DATA_DIR's (the resampled 1M-record file of bench:scale). */
  input?: string;
  onProgress?: (phase: string, done: number, total: number) => void;
}): Promise<BenchDataset> {
  const paths = workPaths({ WORK_DIR: opts.workDir });
  fs.mkdirSync(paths.root, { recursive: true });
  const store = openStore(paths.store);
  try {
    let ingestSeconds: number | null = null;
    if (store.countRecords() === 0) {
      if (!opts.input && !opts.dataDir) throw new BenchSetupError(`BL_DATA_DIR is not set and ${paths.store} is empty: set BL_DATA_DIR to the folder holding ${COLLECTION_FILE}`);
      const input = opts.input ?? path.join(opts.dataDir as string, COLLECTION_FILE);
      if (!fs.existsSync(input)) throw new BenchSetupError(`collection file not found: ${input}`);
      const result = await ingestRecords({ input, store, rejectsDir: paths.rejects, onProgress: opts.onProgress });
      ingestSeconds = result.seconds.total;
    }
    const synthetic = ensurePredictions(store);
    return { workDir: paths.root, storeFile: paths.store, records: store.countRecords(), ingestSeconds, synthetic };
  } finally {
    store.close();
  }
}

const LANGS = ["English", "English", "English", "English", "French", "German", "Dutch", "Italian", "Spanish", "Swedish"];

function hash01(text: string): number {
  return createHash("sha1").update(text).digest().readUInt32BE(0) / 2 ** 32;
}

function ensurePredictions(store: Store): string[] {
  const written: string[] = [];
  const make = (generator: string, predict: (id: string) => Prediction | null) => {
    if (store.getCurrentVersion(generator) !== null) return;
    const rows: Prediction[] = [];
    for (const r of store.iterateRecords()) {
      const p = predict(r.id);
      if (p) rows.push(p);
    }
    const v = store.putPredictionVersion(
      { generator, version: `bench-synthetic-${generator}`, createdAt: new Date().toISOString(), meta: { synthetic: true, note: "npm run bench load data, not a model" } },
      rows,
    );
    store.setCurrentVersion(generator, v.version);
    written.push(generator);
  };
  make("genre", (id) => {
    const h = hash01(`genre:${id}`);
    return { recordId: id, value: h < 0.25 ? "Fiction" : "Non-fiction", confidence: 0.5 + hash01(`gc:${id}`) / 2 };
  });
  make("language", (id) => ({ recordId: id, value: LANGS[Math.floor(hash01(`lang:${id}`) * LANGS.length)] as string, confidence: 0.4 + hash01(`lc:${id}`) * 0.6 }));
  return written;
}
