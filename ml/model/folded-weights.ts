/**
 * A model folder's folded weights (`weights.bin`: the seen buckets, then their scores), read
 * and checked against the hash in model.json. Kept apart from artifacts.ts, which checks all of
 * model.json with its zod schema, so that `npm run predict` loads a model without zod: importing
 * zod costs about 0.2 s of that command's start-up. `loadScoringModel` checks by hand the
 * model.json fields that scoring reads (format, version, feature configuration, sizes, bias,
 * calibration, weights hash); the other fields (training data, metrics, thresholds...) are
 * read by nothing on that path.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { FEATURE_FIELDS, type FeatureConfig } from "@/ml/features/featurise";
import type { GenreModel, GenreModelMeta } from "./artifacts";
import type { FoldedModel } from "./fasttext";
import { GenreScorer } from "./scorer";

export const MODEL_FORMAT = "bl-genre-fasttext/1";

export class ModelNotFoundError extends Error {
  override name = "ModelNotFoundError";
}

function bytesOf(array: Int32Array | Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Hash of what prediction uses: bucket map, scores and bias. */
export function hashFolded(folded: FoldedModel): string {
  const bias = new Float64Array([folded.bias]);
  return createHash("sha256").update(bytesOf(folded.buckets)).update(bytesOf(folded.scores)).update(Buffer.from(bias.buffer)).digest("hex");
}

/** model.json, parsed; ModelNotFoundError when the folder has none. */
export async function readModelJson(dir: string): Promise<unknown> {
  let raw: string;
  try {
    raw = await fs.promises.readFile(path.join(dir, "model.json"), "utf8");
  } catch (cause) {
    throw new ModelNotFoundError(`No genre model at ${dir} (missing model.json): run npm run train`, { cause });
  }
  return JSON.parse(raw);
}

/** weights.bin, checked for its size and against `weightsSha256`. */
export async function readFoldedWeights(dir: string, meta: Pick<GenreModelMeta, "numBuckets" | "numFields" | "bias" | "weightsSha256">): Promise<FoldedModel> {
  const buf = await fs.promises.readFile(path.join(dir, "weights.bin"));
  const n = meta.numBuckets;
  if (buf.byteLength !== n * 8) throw new Error(`${dir}/weights.bin has ${buf.byteLength} bytes, expected ${n * 8} for ${n} buckets`);
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  const folded: FoldedModel = { numFields: meta.numFields, bias: meta.bias, buckets: new Int32Array(copy, 0, n), scores: new Float32Array(copy, n * 4, n) };
  if (hashFolded(folded) !== meta.weightsSha256) throw new Error(`${dir}/weights.bin does not match the hash in model.json (corrupted or edited)`);
  return folded;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isNumber = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v);

/** What is wrong, for scoring, with a parsed model.json (as artifacts.ts's schema says). */
export function scoringFieldProblems(meta: unknown): string[] {
  if (!isObject(meta)) return ["not an object"];
  const problems: string[] = [];
  const expect = (ok: boolean, field: string) => {
    if (!ok) problems.push(`${field}: missing or invalid`);
  };
  expect(meta.format === MODEL_FORMAT, "format");
  expect(typeof meta.version === "string" && meta.version.length > 0, "version");
  const fc = meta.featureConfig;
  if (!isObject(fc)) {
    expect(false, "featureConfig");
  } else {
    expect(isInt(fc.bucketBits, 8, 26), "featureConfig.bucketBits");
    expect(Array.isArray(fc.fields) && fc.fields.length > 0 && fc.fields.every((f) => (FEATURE_FIELDS as readonly unknown[]).includes(f)), "featureConfig.fields");
    expect(fc.titleWordNgrams === 1 || fc.titleWordNgrams === 2, "featureConfig.titleWordNgrams");
    expect(Number.isInteger(fc.charNgramMin), "featureConfig.charNgramMin");
    expect(Number.isInteger(fc.charNgramMax), "featureConfig.charNgramMax");
    expect(isInt(fc.maxTitleChars, 1), "featureConfig.maxTitleChars");
  }
  expect(isInt(meta.numBuckets, 1), "numBuckets");
  expect(isInt(meta.numFields, 1), "numFields");
  expect(isNumber(meta.bias), "bias");
  expect(isObject(meta.calibration) && isNumber(meta.calibration.scale) && isNumber(meta.calibration.shift), "calibration");
  expect(typeof meta.weightsSha256 === "string", "weightsSha256");
  return problems;
}

/** A model for scoring, without zod (see the top of this file); artifacts.loadModel checks all of model.json. */
export async function loadScoringModel(dir: string): Promise<GenreModel> {
  const raw = await readModelJson(dir);
  const problems = scoringFieldProblems(raw);
  if (problems.length > 0) throw new Error(`${path.join(dir, "model.json")} is not a ${MODEL_FORMAT} model: ${problems.join("; ")}`);
  const meta = raw as GenreModelMeta;
  const folded = await readFoldedWeights(dir, meta);
  return { dir, meta, scorer: new GenreScorer(folded, meta.featureConfig as FeatureConfig) };
}
