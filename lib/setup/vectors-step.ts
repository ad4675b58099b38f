import fs from "node:fs";
import path from "node:path";
import { toRecordsDigest } from "@/lib/facets/generate";
import { vectorFilePath } from "@/lib/open-facets/paths";
import type { BookRecord } from "@/lib/records/types";
import { openStore } from "@/lib/store";
import { buildBookVectors } from "@/ml/vectors/build";
import { DEFAULT_EMBED_CONFIG, type EmbedConfig } from "@/ml/vectors/embed";
import { readVectorFile, VectorFileError, writeVectorFile } from "@/ml/vectors/vector-file";
import { SetupError, type SetupContext } from "./steps";

/**
 * The "vectors" step of `npm start`: open facets (and facets promoted from them) need a vector per
 * book. The file is rebuilt when it is missing, unreadable, made with another embedding config, or
 * made from other records than the store holds now (a new ingest); otherwise left alone.
 */
export type VectorsState = { state: "fresh" } | { state: "missing" | "stale"; reason: string };

export function getVectorsState(file: string, recordsDigest: string, config: EmbedConfig = DEFAULT_EMBED_CONFIG): VectorsState {
  if (!fs.existsSync(file)) return { state: "missing", reason: `no vector file at ${file}` };
  let meta: Record<string, unknown>;
  try {
    meta = readVectorFile(file).meta;
  } catch (cause) {
    if (cause instanceof VectorFileError) return { state: "stale", reason: cause.message };
    throw cause;
  }
  if (meta.recordsDigest !== recordsDigest) return { state: "stale", reason: "it was built from other records than the store holds" };
  if (JSON.stringify(meta.config) !== JSON.stringify(config)) return { state: "stale", reason: "it was built with another embedding configuration" };
  return { state: "fresh" };
}

/** Builds the vector file of `records` with their digest in its header (also `npm run vectors:build`). */
export function writeBookVectors(file: string, records: readonly BookRecord[], config: EmbedConfig = DEFAULT_EMBED_CONFIG, onProgress?: (done: number) => void): number {
  const set = buildBookVectors(records, config, onProgress, { recordsDigest: toRecordsDigest(records) });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed: a server reading the old file never sees half a new one.
  const tmp = `${file}.${process.pid}.tmp`;
  const bytes = writeVectorFile(tmp, set);
  fs.renameSync(tmp, file);
  return bytes;
}

export async function buildVectorsIfNeeded(ctx: SetupContext): Promise<void> {
  const store = openStore(path.join(path.resolve(ctx.env.WORK_DIR), "store.sqlite"));
  let records: BookRecord[];
  try {
    records = [...store.iterateRecords()];
  } finally {
    store.close();
  }
  if (records.length === 0) throw new SetupError("the store has no records to compute book vectors for (the ingest step should have filled it)");
  const file = vectorFilePath(ctx.env.WORK_DIR);
  const state = getVectorsState(file, toRecordsDigest(records));
  if (state.state === "fresh") {
    ctx.log(`book vectors up to date (${file})`);
    return;
  }
  ctx.log(`building book vectors: ${state.reason}`);
  const started = performance.now();
  let next = 0;
  const bytes = writeBookVectors(file, records, DEFAULT_EMBED_CONFIG, (done) => {
    if (done >= next) {
      ctx.log(`vectors ${done.toLocaleString("en-GB")}/${records.length.toLocaleString("en-GB")} books`);
      next = done + 10_000;
    }
  });
  ctx.log(`${records.length.toLocaleString("en-GB")} vectors in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${file} (${(bytes / 1e6).toFixed(2)} MB)`);
}
