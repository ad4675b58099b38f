import { saveGenreModel } from "@/ml/model/artifacts";
import { Featuriser, type FeatureConfig } from "@/ml/features/featurise";

/**
 * A genre model folder built by hand for tests, in the real format (`saveGenreModel`), without
 * training: the title-word buckets of each given word get the given score (logit of Fiction),
 * every other bucket is unseen. Calibration is the identity, so p_fiction = sigmoid(mean score).
 */
export const FIXTURE_FEATURE_CONFIG: FeatureConfig = { bucketBits: 12, fields: ["title"], titleWordNgrams: 1, charNgramMin: 0, charNgramMax: 0, maxTitleChars: 512 };

export async function buildFixtureGenreModel(workDir: string, wordScores: Record<string, number>, createdAt: Date): Promise<{ dir: string; version: string }> {
  const featuriser = new Featuriser(FIXTURE_FEATURE_CONFIG);
  const scoreByBucket = new Map<number, number>();
  for (const [word, score] of Object.entries(wordScores)) {
    for (const b of featuriser.toBuckets({ title: word })[0] ?? []) scoreByBucket.set(b, score);
  }
  const buckets = Int32Array.from([...scoreByBucket.keys()].sort((a, b) => a - b));
  const scores = Float32Array.from([...buckets].map((b) => scoreByBucket.get(b)!));
  const { dir, meta } = await saveGenreModel(workDir, {
    createdAt,
    model: { folded: { numFields: 1, bias: 0, buckets, scores }, members: [], lossHistory: [] },
    meta: {
      titleOnly: true,
      featureConfig: FIXTURE_FEATURE_CONFIG,
      calibration: { scale: 1, shift: 0 },
      thresholds: [],
      seed: 1,
      hyperparameters: {},
      settings: {},
      backend: { name: "none", source: "hand-built test fixture" },
      trainingData: { file: "none", sha256: "0".repeat(64), rows: 0, books: 0, fiction: 0, nonFiction: 0, extraExamples: 0 },
      codeVersion: { commit: null, dirty: null },
      timings: {},
    },
  });
  return { dir, version: meta.version };
}
