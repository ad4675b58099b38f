/**
 * Model folders: `<WORK_DIR>/models/genre/<version>/` holds the folded weights and bucket map
 * (`weights.bin`), the per-seed embeddings (`embeddings.bin`), `model.json` (feature config,
 * calibration, thresholds, data hash, code version, backend, seed, hyperparameters),
 * `metrics.json`, the report and the card. "Latest" is the newest folder unless the file
 * `models/genre/CURRENT` names one.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { GENRE_LABELS, type GenreLabel } from "@/ml/data/labelled-books";
import type { FeatureConfig, GenreInput } from "@/ml/features/featurise";
import { FEATURE_FIELDS } from "@/ml/features/featurise";
import { applyCalibration } from "./calibration";
import type { TrainedFastText } from "./fasttext";
import { hashFolded, MODEL_FORMAT, ModelNotFoundError, readFoldedWeights, readModelJson } from "./folded-weights";
import { GenreScorer } from "./scorer";

export { hashFolded, MODEL_FORMAT, ModelNotFoundError } from "./folded-weights";
export const CURRENT_FILE = "CURRENT";

const thresholdSchema = z.object({ label: z.enum(GENRE_LABELS), threshold: z.number().nullable(), precision: z.number(), kept: z.number() });

export const genreModelMetaSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.string().min(1),
  createdAt: z.string(),
  titleOnly: z.boolean(),
  featureConfig: z.object({
    bucketBits: z.number().int().min(8).max(26),
    fields: z.array(z.enum(FEATURE_FIELDS)).min(1),
    titleWordNgrams: z.union([z.literal(1), z.literal(2)]),
    charNgramMin: z.number().int(),
    charNgramMax: z.number().int(),
    maxTitleChars: z.number().int().positive(),
  }),
  numBuckets: z.number().int().positive(),
  numFields: z.number().int().positive(),
  bias: z.number(),
  calibration: z.object({ scale: z.number(), shift: z.number() }),
  thresholds: z.array(thresholdSchema),
  seed: z.number().int(),
  hyperparameters: z.record(z.string(), z.unknown()),
  settings: z.record(z.string(), z.unknown()),
  backend: z.object({ name: z.string(), source: z.string() }),
  trainingData: z.object({ file: z.string(), sha256: z.string(), rows: z.number(), books: z.number(), fiction: z.number(), nonFiction: z.number(), extraExamples: z.number() }),
  codeVersion: z.object({ commit: z.string().nullable(), dirty: z.boolean().nullable() }),
  weightsSha256: z.string(),
  embeddingsSha256: z.string(),
  timings: z.record(z.string(), z.number()),
});
export type GenreModelMeta = z.infer<typeof genreModelMetaSchema>;

export interface GenreModel {
  dir: string;
  meta: GenreModelMeta;
  scorer: GenreScorer;
}

export interface GenrePrediction {
  value: GenreLabel;
  /** Calibrated probability of `value`. */
  confidence: number;
  pFiction: number;
}

export function genreModelsRoot(workDir: string): string {
  return path.join(path.resolve(workDir), "models", "genre");
}

function bytesOf(array: Int32Array | Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

export function hashMembers(members: TrainedFastText["members"]): string {
  const h = createHash("sha256");
  for (const m of members) h.update(bytesOf(m.embedding)).update(bytesOf(m.head)).update(Buffer.from(new Float64Array([m.bias, m.seed]).buffer));
  return h.digest("hex");
}

/** Sortable by time, then unique: `20261125T171500Z-meta-1a2b3c4d`. */
export function buildVersion(createdAt: Date, titleOnly: boolean, weightsSha256: string): string {
  const stamp = createdAt.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${titleOnly ? "title" : "meta"}-${weightsSha256.slice(0, 8)}`;
}

export interface SaveModelInput {
  meta: Omit<GenreModelMeta, "format" | "version" | "weightsSha256" | "embeddingsSha256" | "numBuckets" | "numFields" | "bias" | "createdAt">;
  model: TrainedFastText;
  createdAt?: Date;
}

/** Writes weights and model.json into a new version folder and returns its path. */
export async function saveGenreModel(workDir: string, input: SaveModelInput): Promise<{ dir: string; meta: GenreModelMeta }> {
  const { folded, members } = input.model;
  const createdAt = input.createdAt ?? new Date();
  const weightsSha256 = hashFolded(folded);
  const meta: GenreModelMeta = genreModelMetaSchema.parse({
    ...input.meta,
    format: MODEL_FORMAT,
    version: buildVersion(createdAt, input.meta.titleOnly, weightsSha256),
    createdAt: createdAt.toISOString(),
    numBuckets: folded.buckets.length,
    numFields: folded.numFields,
    bias: folded.bias,
    weightsSha256,
    embeddingsSha256: hashMembers(members),
  });
  const root = genreModelsRoot(workDir);
  let dir = path.join(root, meta.version);
  for (let n = 2; fs.existsSync(dir); n++) dir = path.join(root, `${meta.version}-${n}`);
  meta.version = path.basename(dir);
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.writeFile(path.join(dir, "weights.bin"), Buffer.concat([bytesOf(folded.buckets), bytesOf(folded.scores)]));
  const embeddings = Buffer.concat(members.flatMap((m) => [bytesOf(m.embedding), bytesOf(m.head)]));
  await fs.promises.writeFile(path.join(dir, "embeddings.bin"), embeddings);
  await fs.promises.writeFile(path.join(dir, "model.json"), `${JSON.stringify(meta, null, 2)}\n`);
  return { dir, meta };
}

export async function loadModel(dir: string): Promise<GenreModel> {
  const parsed = genreModelMetaSchema.safeParse(await readModelJson(dir));
  if (!parsed.success) throw new Error(`${path.join(dir, "model.json")} is not a ${MODEL_FORMAT} model: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const meta = parsed.data;
  const folded = await readFoldedWeights(dir, meta);
  return { dir, meta, scorer: new GenreScorer(folded, meta.featureConfig as FeatureConfig) };
}

/** The folder named in CURRENT if any, else the newest version folder; null when there is none. */
export function latestModelDir(workDir: string): string | null {
  const root = genreModelsRoot(workDir);
  if (!fs.existsSync(root)) return null;
  const currentFile = path.join(root, CURRENT_FILE);
  if (fs.existsSync(currentFile)) {
    const name = fs.readFileSync(currentFile, "utf8").trim();
    const dir = path.join(root, name);
    if (name && fs.existsSync(path.join(dir, "model.json"))) return dir;
    throw new ModelNotFoundError(`${currentFile} names "${name}", which is not a model folder in ${root}`);
  }
  const versions = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, "model.json")))
    .map((d) => d.name)
    .sort();
  const newest = versions.at(-1);
  return newest ? path.join(root, newest) : null;
}

export function markCurrent(workDir: string, version: string): void {
  const root = genreModelsRoot(workDir);
  if (!fs.existsSync(path.join(root, version, "model.json"))) throw new ModelNotFoundError(`No model folder ${version} in ${root}`);
  fs.writeFileSync(path.join(root, CURRENT_FILE), `${version}\n`);
}

/** Calibrated prediction for one record. */
export function predictRecord(model: GenreModel, record: GenreInput): GenrePrediction {
  const pFiction = applyCalibration(model.meta.calibration, model.scorer.logit(record));
  return pFiction >= 0.5 ? { value: "Fiction", confidence: pFiction, pFiction } : { value: "Non-fiction", confidence: 1 - pFiction, pFiction };
}

/** Predictions in input order; about 200k records/s on one core (hashing dominates). */
export function predictRecords(model: GenreModel, records: readonly GenreInput[]): GenrePrediction[] {
  return records.map((r) => predictRecord(model, r));
}
