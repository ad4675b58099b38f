/**
 * Reads the pipeline's own artifacts for the transparency pages: the CURRENT genre model folder
 * (the version the store serves for the genre generator, else CURRENT/newest on disk), its
 * model.json, metrics.json and card, and the optional labelling and language reports. Every
 * figure on /about/* comes through here, validated with zod, so a page never shows a number that
 * is not in an artifact. Plain fs reads (no "server-only" import) so tests and scripts can use it.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { genreModelMetaSchema, genreModelsRoot, latestModelDir, type GenreModelMeta } from "@/ml/model/artifacts";

export class ArtifactsMissingError extends Error {
  override name = "ArtifactsMissingError";
}

export class ArtifactInvalidError extends Error {
  override name = "ArtifactInvalidError";
}

const num = z.number();
const classMetricsSchema = z.object({ label: z.string(), precision: num, recall: num, f1: num, support: num, predicted: num });
export const classificationReportSchema = z.object({
  n: num,
  accuracy: num,
  macroF1: num,
  perClass: z.array(classMetricsSchema),
  confusion: z.array(z.array(num)),
  labels: z.array(z.string()),
});
const sliceSchema = z.object({ slice: z.string(), n: num, fiction: num, nonFiction: num, macroF1: num.nullable(), accuracy: num, errorRate: num });
const evaluatedBookSchema = z.object({ id: z.string(), title: z.string(), language: z.string(), label: z.string(), predicted: z.string(), pFiction: num, confidence: num });
const thresholdedSchema = z.object({ coverage: num, precision: num, kept: num });
export const evaluationSchema = z.object({
  name: z.string(),
  n: num,
  report: classificationReportSchema,
  ece: num,
  reliability: z.array(z.object({ lower: num, upper: num, count: num, meanConfidence: num, accuracy: num })),
  coverage: z.array(z.object({ threshold: num, coverage: num, precision: num, kept: num })),
  thresholds: z.object({
    perClass: z.array(z.object({ label: z.string(), threshold: num.nullable(), precision: num, kept: num })),
    chosenOn: z.string(),
    result: thresholdedSchema,
    collectionWeighted: thresholdedSchema,
  }),
  slices: z.object({ language: z.array(sliceSchema), decade: z.array(sliceSchema), titleLength: z.array(sliceSchema), fieldsPresent: z.array(sliceSchema) }),
  mostConfidentErrors: z.array(evaluatedBookSchema),
  leastConfidentCorrect: z.array(evaluatedBookSchema),
  baselines: z.array(z.object({ name: z.string(), report: classificationReportSchema, ece: num })),
});
export type Evaluation = z.infer<typeof evaluationSchema>;
export type Slice = z.infer<typeof sliceSchema>;

export const genreMetricsFileSchema = z.looseObject({
  titleOnly: z.boolean(),
  validation: evaluationSchema,
  validationHiddenFields: evaluationSchema,
  /** Written by training runs since labels from another book are checked (ml/data/annotation-join.ts). */
  validationTrusted: evaluationSchema.optional(),
  refitCrossValidation: evaluationSchema,
  suspectLabels: z.array(evaluatedBookSchema).default([]),
  splits: z.object({ trainBooks: num, validBooks: num, folds: num }),
  /** Written by training runs since weak labels became the default (ml/labelling/for-training.ts). */
  weakSupervision: z.looseObject({ enabled: z.boolean(), reason: z.string(), examples: num, fiction: num, nonFiction: num }).optional(),
});
export type GenreMetricsFile = z.infer<typeof genreMetricsFileSchema>;

/** The card as ml/card/genre-card.ts writes it; only what the page renders is required. */
export const genreCardFileSchema = z.looseObject({
  model: z.looseObject({ name: z.string(), version: z.string(), createdAt: z.string(), type: z.string(), licence: z.string() }),
  intendedUse: z.object({ primary: z.string(), users: z.string(), outOfScope: z.array(z.string()) }),
  factors: z.looseObject({ inputs: z.array(z.string()), notUsed: z.array(z.string()), languages: z.string() }),
  trainingData: z.looseObject({ description: z.string(), file: z.string(), sha256: z.string(), rows: num, books: num, fiction: num, nonFiction: num }),
  evaluationData: z.string(),
  limitations: z.array(z.string()),
  ethicalConsiderations: z.array(z.string()),
});
export type GenreCardFile = z.infer<typeof genreCardFileSchema>;

const lfFunctionSchema = z.looseObject({
  name: z.string(),
  description: z.string(),
  polarity: z.array(z.string()),
  training: z.looseObject({ coverage: num, overlaps: num.optional(), conflicts: num, labelled: z.object({ correct: num, incorrect: num, accuracy: num.nullable() }).optional() }),
  collection: z.looseObject({ coverage: num, overlaps: num.optional(), conflicts: num }),
  learnedAccuracy: num,
  /** Collection books the function fires on, for the staff page /admin/labelling. */
  examples: z.array(z.looseObject({ id: z.string(), title: z.string(), vote: z.string() })).default([]),
});
const labelScoreSchema = z.looseObject({ scored: num, accuracy: num, macroF1: num });
const liftConfigSchema = z.looseObject({ validation: z.looseObject({ macroF1: num, accuracy: num }) });
export const lfReportFileSchema = z.looseObject({
  generatedAt: z.string(),
  functions: z.array(lfFunctionSchema),
  overall: z.looseObject({ collection: z.looseObject({ coverage: num }) }),
  labelModel: z
    .looseObject({
      comparison: z.looseObject({ books: num, covered: num, ties: num, tieBreak: z.string(), labelModel: labelScoreSchema, majorityVote: labelScoreSchema }),
    })
    .optional(),
  lift: z
    .looseObject({ humanOnly: liftConfigSchema, withWeakLabels: liftConfigSchema, macroF1Gain: num, accuracyGain: num, chosen: z.string(), validationBooks: num })
    .optional(),
});
export type LfReportFile = z.infer<typeof lfReportFileSchema>;

export interface ModelArtifacts {
  dir: string;
  version: string;
  /** How the folder was chosen, shown on the pages. */
  source: "store" | "current-file-or-newest";
  meta: GenreModelMeta;
  metrics: GenreMetricsFile;
  card: GenreCardFile | null;
  cardMarkdown: string | null;
}

function readJson<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch (cause) {
    throw new ArtifactsMissingError(`${what} is missing (${file}): run npm run train`, { cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (cause) {
    throw new ArtifactInvalidError(`${file} is not valid JSON`, { cause });
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ArtifactInvalidError(`${file} does not have the expected shape: ${issues.join("; ")}`, { cause: parsed.error });
  }
  return parsed.data;
}

/**
 * The model folder behind the live genre facet: the store's current genre version when a folder of
 * that name exists, else CURRENT or the newest folder. Null when there is no model at all.
 */
export function findCurrentModelDir(workDir: string, storeVersion: string | null): { dir: string; source: ModelArtifacts["source"] } | null {
  if (storeVersion) {
    // Stored versions are "<model version>@<generated at>" (lib/facets/generate.ts); older ones were the bare model version.
    for (const name of new Set([storeVersion, storeVersion.split("@")[0] ?? storeVersion])) {
      const dir = path.join(genreModelsRoot(workDir), name);
      if (!name.includes("/") && !name.includes("..") && fs.existsSync(path.join(dir, "model.json"))) return { dir, source: "store" };
    }
  }
  const dir = latestModelDir(workDir);
  return dir ? { dir, source: "current-file-or-newest" } : null;
}

export function readModelArtifacts(workDir: string, storeVersion: string | null): ModelArtifacts {
  const found = findCurrentModelDir(workDir, storeVersion);
  if (!found) throw new ArtifactsMissingError(`No genre model folder in ${genreModelsRoot(workDir)}: run npm run train`);
  const { dir, source } = found;
  const meta = readJson(path.join(dir, "model.json"), genreModelMetaSchema, "The model's model.json");
  const metrics = readJson(path.join(dir, "metrics.json"), genreMetricsFileSchema, "The model's metrics.json");
  const cardFile = path.join(dir, "card.json");
  const card = fs.existsSync(cardFile) ? readJson(cardFile, genreCardFileSchema, "The model card") : null;
  const mdFile = path.join(dir, "card.md");
  const cardMarkdown = fs.existsSync(mdFile) ? fs.readFileSync(mdFile, "utf8") : null;
  return { dir, version: meta.version, source, meta, metrics, card, cardMarkdown };
}

/** The labelling-function report of `npm run ml:lf-report`, or null when it was never run. */
export function readLfReport(reportsDir: string): LfReportFile | null {
  const file = path.join(reportsDir, "labelling", "lf-report.json");
  if (!fs.existsSync(file)) return null;
  return readJson(file, lfReportFileSchema, "The labelling-function report");
}

const languageRunSchema = z.looseObject({
  preprocessed: z
    .looseObject({
      accuracy: num.nullable().optional(),
      ece: num.nullable().optional(),
      books: num.optional(),
      baseline: z.looseObject({ language: z.string(), accuracy: num }).optional(),
      perLanguage: z.array(z.looseObject({ language: z.string(), support: num, accuracy: num.nullable(), precision: num.nullable().optional() })).default([]),
      topConfusions: z.array(z.looseObject({ gold: z.string(), predicted: z.string(), count: num })).default([]),
    })
    .optional(),
});
export const languageReportFileSchema = z.looseObject({
  generatedAt: z.string(),
  identifier: z.string(),
  generatorVersion: z.string().optional(),
  results: z.record(z.string(), languageRunSchema).default({}),
});
export type LanguageReportFile = z.infer<typeof languageReportFileSchema>;

/** The language identifier's evaluation (`npm run ml:language-report`), or null. */
export function readLanguageReport(reportsDir: string): LanguageReportFile | null {
  const file = path.join(reportsDir, "language", "language-report.json");
  if (!fs.existsSync(file)) return null;
  return readJson(file, languageReportFileSchema, "The language report");
}
