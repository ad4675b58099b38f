import { spawn } from "node:child_process";
import path from "node:path";
import { writeGeneratorVersion } from "@/lib/facets/generate";
import type { FacetGenerator } from "@/lib/facets/generators/types";
import type { Store } from "@/lib/store/types";
import { readModelMetrics } from "./model-metrics";
import type { FacetWork, StageProgress } from "./run";

/**
 * Generators whose model can be retrained, and the command that trains it. The new model is
 * marked current for the generator to load; predictions only go live when the job publishes.
 */
export const TRAINABLE: Readonly<Record<string, readonly string[]>> = { genre: ["scripts/train.ts", "--no-progress", "--make-current"] };

export interface FacetWorkDeps {
  store: Store;
  getGenerator: (name: string) => FacetGenerator | undefined;
  /** Project root (scripts are resolved from it). */
  root?: string;
  /** Records per predict call; smaller means finer progress and cancel checks. */
  batchSize?: number;
  /** Stops the training process when the job is cancelled. */
  onChild?: (kill: () => void) => void;
}

/** Run `tsx <script>` in a child process, passing its output to the job log line by line. */
function runScript(root: string, [script, ...args]: readonly string[], log: (m: string) => void, progress: StageProgress, onChild?: (kill: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script!), ...args], { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    onChild?.(() => child.kill("SIGTERM"));
    let tail = "";
    const onData = (chunk: Buffer) => {
      const lines = (tail + chunk.toString("utf8")).split(/\r?\n|\r/);
      tail = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) log(`train: ${line.trim()}`);
      try {
        progress(0, null);
      } catch (err) {
        child.kill("SIGTERM");
        reject(err);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (err) => reject(new Error(`could not start ${script}: ${err.message}`, { cause: err })));
    child.on("exit", (code, signal) => {
      if (tail.trim()) log(`train: ${tail.trim()}`);
      if (code === 0) resolve();
      else reject(new Error(`${script} ${signal ? `was stopped by ${signal}` : `exited with code ${code}`} (see the job log)`));
    });
  });
}

export function buildFacetWork(deps: FacetWorkDeps): FacetWork {
  const root = deps.root ?? process.cwd();
  const need = (name: string) => {
    const g = deps.getGenerator(name);
    if (!g) throw new Error(`no facet generator named "${name}" is registered`);
    return g;
  };
  return {
    async train(generators, progress, log) {
      const trainable = generators.filter((g) => TRAINABLE[g]);
      if (trainable.length === 0) throw new Error(`none of ${generators.join(", ")} has a trainable model (trainable: ${Object.keys(TRAINABLE).join(", ")})`);
      for (const g of trainable) {
        log(`training the ${g} model (${TRAINABLE[g]!.join(" ")})`);
        await runScript(root, TRAINABLE[g]!, log, progress, deps.onChild);
      }
      // The generator loads the newest model; its version and meta describe what was trained.
      const first = need(trainable[0]!);
      const meta = (await first.meta?.()) ?? {};
      return { modelVersion: await first.version(), metrics: readModelMetrics(meta) };
    },
    async predict(generatorName, jobMeta, progress) {
      const summary = await writeGeneratorVersion(deps.store, need(generatorName), {
        // The job flips every pointer itself, at its very end.
        makeCurrent: false,
        meta: jobMeta,
        batchSize: deps.batchSize ?? 2000,
        onProgress: (p) => {
          if (p.phase === "predict") progress(p.done, p.total);
        },
      });
      if (!summary.version) throw new Error(`generator "${generatorName}" stored no version`);
      return { version: summary.version };
    },
  };
}
