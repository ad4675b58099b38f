import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { generateFacets, GenerateError } from "@/lib/facets/generate";
import { getGenerators, type FacetGenerator } from "@/lib/facets/generators";
import { createGenreGenerator } from "@/lib/facets/generators/genre";
import { syncPromotedFacets } from "@/lib/promotion/sync";
import { openSqliteStore } from "@/lib/store";
import { latestModelDir, loadModel, ModelNotFoundError } from "@/ml/model/artifacts";
import { ML_SETUP_STEPS, SetupError, type SetupContext } from "./steps";
import { buildVectorsIfNeeded } from "./vectors-step";

/**
 * The machine-learning steps of `npm start` (issue 4), registered at the hook points of
 * lib/setup/steps.ts: make sure a genre model exists (train one on a fresh install), then generate
 * every machine facet unless the live versions already came from the same models and records.
 * The server builds its index from the store when it starts, so the first page shows them.
 */

export const LABELS_FILE = path.join("annotations", "train_valid.csv");

/** The labels file for training: the data folder found by "resolve-data", else BL_DATA_DIR. */
export function resolveLabelsFile(ctx: Pick<SetupContext, "env" | "state">): string {
  const dir = ctx.state.dataDir ?? ctx.env.BL_DATA_DIR;
  if (!dir) throw new SetupError(`no data folder to train the genre model from: set BL_DATA_DIR to the folder holding ${LABELS_FILE}`);
  const file = path.join(dir, LABELS_FILE);
  if (!fs.existsSync(file)) throw new SetupError(`no genre model in ${path.join(ctx.env.WORK_DIR, "models", "genre")} and no labels to train one: ${file} is missing`);
  return file;
}

export type TrainRunner = (ctx: SetupContext, labels: string) => void | Promise<void>;

/** Trains in a child process so its progress bar and memory stay out of the start-up process. */
export const runTrainScript: TrainRunner = (ctx, labels) => {
  const result = spawnSync(path.join(ctx.root, "node_modules", ".bin", "tsx"), [path.join(ctx.root, "scripts", "train.ts"), "--labels", labels, "--work-dir", ctx.env.WORK_DIR, "--make-current"], {
    cwd: ctx.root,
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) throw new SetupError(`npm run train failed (exit ${result.status ?? result.signal}); see its output above`);
};

export async function trainOrLoadGenreModel(ctx: SetupContext, train: TrainRunner = runTrainScript): Promise<void> {
  let dir: string | null;
  try {
    dir = latestModelDir(ctx.env.WORK_DIR);
  } catch (cause) {
    if (cause instanceof ModelNotFoundError) throw new SetupError(`${cause.message} (fix or delete the CURRENT file)`, { cause });
    throw cause;
  }
  if (!dir) {
    const labels = resolveLabelsFile(ctx);
    ctx.log(`no genre model yet: training one from ${labels} (first start only; about a minute on 2 idle cores)`);
    await train(ctx, labels);
    dir = latestModelDir(ctx.env.WORK_DIR);
    if (!dir) throw new SetupError(`training finished but no model folder appeared in ${path.join(ctx.env.WORK_DIR, "models", "genre")}`);
  }
  try {
    const model = await loadModel(dir);
    ctx.log(`genre model ${model.meta.version} (${model.meta.titleOnly ? "title only" : "title + catalogue fields"}, trained ${model.meta.createdAt}) loads from ${dir}`);
  } catch (cause) {
    throw new SetupError(`the genre model in ${dir} does not load: ${(cause as Error).message}`, { cause });
  }
}

/** Registered generators, with genre bound to this start's WORK_DIR. */
export function toStartGenerators(ctx: Pick<SetupContext, "env">, generators: readonly FacetGenerator[] = getGenerators()): FacetGenerator[] {
  return generators.map((g) => (g.name === "genre" ? createGenreGenerator({ workDir: ctx.env.WORK_DIR }) : g));
}

export async function generateMlFacets(ctx: SetupContext, generators?: readonly FacetGenerator[]): Promise<void> {
  const store = openSqliteStore(path.join(path.resolve(ctx.env.WORK_DIR), "store.sqlite"));
  try {
    if (store.countRecords() === 0) throw new SetupError("the store has no records to generate machine facets for (the ingest step should have filled it)");
    // Facets staff promoted from open facets are generated like the built-in ones.
    syncPromotedFacets(store.db, { workDir: ctx.env.WORK_DIR });
    const summary = await generateFacets(store, { generators: generators ?? toStartGenerators(ctx), skipUpToDate: true });
    for (const g of summary.generators) {
      ctx.log(
        g.skipped
          ? `${g.generator}: up to date (${g.version})`
          : `${g.generator}: ${g.predictions} predictions by ${g.modelVersion} in ${(g.durationMs / 1000).toFixed(1)} s, now live as ${g.version}`,
      );
    }
  } catch (cause) {
    if (cause instanceof GenerateError) throw new SetupError(`generating machine facets failed: ${cause.message}`, { cause });
    throw cause;
  } finally {
    store.close();
  }
}

/** Called by scripts/start.ts; tests of the step order run without these. */
export function registerMlSetupSteps(): void {
  ML_SETUP_STEPS["build-vectors"] = (ctx) => buildVectorsIfNeeded(ctx);
  ML_SETUP_STEPS["train-or-load-model"] = (ctx) => trainOrLoadGenreModel(ctx);
  ML_SETUP_STEPS["generate-ml-facets"] = (ctx) => generateMlFacets(ctx);
}
