import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ServerEnv } from "@/lib/env";
import { workPaths } from "@/lib/env";
import { COLLECTION_FILE } from "@/lib/records/data-files";
import { ensureData } from "@/lib/records/download";
import { formatIngestSummary, ingestRecords } from "@/lib/records/ingest";
import { getBuildState } from "@/lib/setup/build";
import { ensureLocalSecrets } from "@/lib/setup/secrets";
import { openStore } from "@/lib/store";

/**
 * What `npm start` does before it serves, in order. Each step checks whether its work is already
 * done and does only what is missing, so a second start is quick.
 *
 * Hook points for later work: the steps "train-or-load-model" and "generate-ml-facets" sit between
 * ingest and build; their implementations are registered in `ML_SETUP_STEPS` below (issue 4:
 * train or load the genre model, then generate every machine facet), so the first page served
 * already shows them. Until one is registered, start says so and goes on.
 */

export interface SetupContext {
  env: ServerEnv;
  root: string;
  log: (line: string) => void;
  /** What earlier steps found, for later ones (shared by every step of one run). */
  state: {
    /** Set by "resolve-data": the folder holding the collection file. */
    dataDir?: string;
  };
}

export type SetupRun = (ctx: SetupContext) => Promise<void>;
export type MlHook = "build-vectors" | "train-or-load-model" | "generate-ml-facets";

export interface SetupStep {
  name: string;
  /** One line for the log: what the step makes sure of. */
  title: string;
  run?: SetupRun;
  /** A hook point: the step runs whatever is registered in ML_SETUP_STEPS under this name. */
  hook?: MlHook;
}

/** Implementations of the machine-learning hook points, keyed by hook name. */
export const ML_SETUP_STEPS: Partial<Record<MlHook, SetupRun>> = {};

export class SetupError extends Error {
  override name = "SetupError";
}

export const SETUP_STEPS: readonly SetupStep[] = [
  { name: "resolve-data", title: "BL data files are in place", run: resolveData },
  { name: "ingest", title: "the store holds the current collection", run: ingestIfNeeded },
  {
    name: "secrets",
    title: "local secrets exist",
    run: async (ctx) => {
      ensureLocalSecrets(ctx.root, ctx.env, ctx.log);
    },
  },
  // Before the facets: promoted open facets are generated from the book vectors.
  { name: "vectors", title: "the book vectors for open facets are up to date", hook: "build-vectors" },
  { name: "train-or-load-model", title: "a genre model is trained or loaded", hook: "train-or-load-model" },
  { name: "generate-ml-facets", title: "every machine facet is generated", hook: "generate-ml-facets" },
  { name: "build", title: "the production build is up to date", run: buildIfNeeded },
];

/** Runs every step in order with numbered log lines; stops at the first failure. */
export async function runSetup(ctx: SetupContext, steps: readonly SetupStep[] = SETUP_STEPS): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const prefix = `[start] ${i + 1}/${steps.length} ${step.name}`;
    const run = step.run ?? (step.hook ? ML_SETUP_STEPS[step.hook] : undefined);
    if (!run) {
      console.log(`${prefix}: skipped, nothing registered for this hook yet (${step.title})`);
      continue;
    }
    console.log(`${prefix}: making sure ${step.title}`);
    const started = performance.now();
    await run({ ...ctx, log: (line) => ctx.log(`${prefix}: ${line}`) });
    console.log(`${prefix}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function resolveData(ctx: SetupContext): Promise<void> {
  if (ctx.env.BL_DATA_DIR && !fs.existsSync(path.join(ctx.env.BL_DATA_DIR, COLLECTION_FILE))) {
    ctx.log(`BL_DATA_DIR=${ctx.env.BL_DATA_DIR} has no ${COLLECTION_FILE}; trying ${path.join(workPaths(ctx.env).data)} instead`);
  }
  let lastFile = "";
  const result = await ensureData({
    env: { BL_DATA_DIR: ctx.env.BL_DATA_DIR, WORK_DIR: ctx.env.WORK_DIR },
    onProgress: (p) => {
      if (p.file !== lastFile) {
        lastFile = p.file;
        ctx.log(`downloading ${p.file}`);
      }
    },
  }).catch((cause: unknown) => {
    throw new SetupError(cause instanceof Error ? cause.message : String(cause), { cause });
  });
  ctx.state.dataDir = result.dir;
  ctx.log(
    result.downloaded.length > 0
      ? `downloaded ${result.downloaded.join(", ")} into ${result.dir}`
      : `using ${path.join(result.dir, COLLECTION_FILE)} (${result.origin === "BL_DATA_DIR" ? "BL_DATA_DIR" : "downloaded earlier"})`,
  );
}

interface IngestState {
  input: string;
  sha256: string;
}

function fileSha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

async function ingestIfNeeded(ctx: SetupContext): Promise<void> {
  const dataDir = ctx.state.dataDir;
  if (!dataDir) throw new SetupError("ingest needs the data folder (run resolve-data first)");
  const paths = workPaths(ctx.env);
  const input = path.join(dataDir, COLLECTION_FILE);
  const stateFile = path.join(paths.root, "ingest-state.json");
  const sha256 = fileSha256(input);
  const store = openStore(paths.store);
  try {
    const records = store.countRecords();
    const previous = readIngestState(stateFile);
    if (records > 0 && previous?.sha256 === sha256) {
      ctx.log(`store up to date: ${records} records from ${input}`);
      return;
    }
    ctx.log(records === 0 ? `store is empty: ingesting ${input}` : `input changed since the last ingest: ingesting ${input}`);
    const result = await ingestRecords({ input, store, rejectsDir: paths.rejects });
    for (const line of formatIngestSummary(result).split("\n")) ctx.log(line);
    const state: IngestState = { input, sha256 };
    fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  } finally {
    store.close();
  }
}

function readIngestState(file: string): IngestState | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && "sha256" in parsed && typeof parsed.sha256 === "string" && "input" in parsed && typeof parsed.input === "string") {
      return { input: parsed.input, sha256: parsed.sha256 };
    }
    return null;
  } catch {
    // No state yet (first run) or an unreadable one: ingest again, which is idempotent.
    return null;
  }
}

async function buildIfNeeded(ctx: SetupContext): Promise<void> {
  const state = getBuildState(ctx.root);
  if (state.state === "fresh") {
    ctx.log("build is up to date");
    return;
  }
  ctx.log(state.state === "missing" ? "no production build yet: running next build (about half a minute)" : "sources changed since the last build: running next build");
  const result = spawnSync(path.join(ctx.root, "node_modules", ".bin", "next"), ["build"], {
    cwd: ctx.root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new SetupError(`next build failed (exit ${result.status ?? result.signal}); see its output above`);
}
