import path from "node:path";
import { getServerEnv } from "@/lib/env";
import type { BookRecord } from "@/lib/records/types";
import { latestModelDir, loadModel, ModelNotFoundError, predictRecords, type GenreModel } from "@/ml/model/artifacts";
import type { FacetGenerator, GeneratedValue } from "./types";

/**
 * "Genre (predicted)": Fiction / Non-fiction from the trained genre model (ml/, `npm run train`).
 * The version is the model folder's version, so a stored prediction version always names the
 * exact weights it came from. The model is found afresh on every `version()` call (CURRENT, else
 * the newest folder under `<WORK_DIR>/models/genre`), so a retrain or a rollback of CURRENT is
 * picked up without restarting, and loaded once per folder.
 */

export interface GenreGeneratorOptions {
  /** Working folder whose `models/genre` holds the model folders. Default: WORK_DIR, read when first needed. */
  workDir?: string;
  /** A specific model folder (tests, re-running an old model); overrides the CURRENT/newest lookup. */
  modelDir?: string;
}

export const GENRE_MODEL_CARD_HREF = "/about/model/card";

export function createGenreGenerator(options: GenreGeneratorOptions = {}): FacetGenerator & { loadCurrentModel(): Promise<GenreModel> } {
  let cached: { dir: string; model: Promise<GenreModel> } | null = null;

  function resolveDir(): string {
    if (options.modelDir) return path.resolve(options.modelDir);
    const workDir = options.workDir ?? getServerEnv().WORK_DIR;
    const dir = latestModelDir(workDir);
    if (!dir) throw new ModelNotFoundError(`No genre model in ${path.join(path.resolve(workDir), "models", "genre")}: run \`npm run train\` (npm start trains one when none exists)`);
    return dir;
  }

  function loadCurrentModel(): Promise<GenreModel> {
    const dir = resolveDir();
    if (cached?.dir !== dir) {
      const model = loadModel(dir);
      // A failed load must not stick: the next call tries again (e.g. after a retrain finished writing).
      model.catch(() => {
        if (cached?.model === model) cached = null;
      });
      cached = { dir, model };
    }
    return cached.model;
  }

  return {
    name: "genre",
    loadCurrentModel,
    async version() {
      return (await loadCurrentModel()).meta.version;
    },
    async meta() {
      const { meta, dir } = await loadCurrentModel();
      return {
        modelDir: dir,
        modelCreatedAt: meta.createdAt,
        titleOnly: meta.titleOnly,
        trainingData: meta.trainingData,
        codeVersion: meta.codeVersion,
        thresholds: meta.thresholds,
        card: GENRE_MODEL_CARD_HREF,
      };
    },
    async predict(records: BookRecord[]): Promise<Array<GeneratedValue | null>> {
      const model = await loadCurrentModel();
      // BookRecord carries every GenreInput field under the same names (title, places, shelfmarkClass...).
      return predictRecords(model, records).map((p) => ({ value: p.value, confidence: p.confidence, extra: { p_fiction: p.pFiction } }));
    },
  };
}

export const genreGenerator = createGenreGenerator();
