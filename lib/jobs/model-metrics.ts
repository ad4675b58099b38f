import fs from "node:fs";
import path from "node:path";

/**
 * Headline metrics of the model behind a prediction version, for the admin pages and history.
 * A version's meta may carry `metrics` itself; the genre generator records its model folder
 * (`modelDir`), whose metrics.json (written by `npm run train`) holds the evaluation.
 */

const cache = new Map<string, Record<string, number>>();

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function dig(obj: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Picks the figures worth a table cell from a training run's metrics.json. */
export function toHeadlineMetrics(metrics: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (name: string, v: unknown) => {
    const n = num(v);
    if (n !== undefined) out[name] = n;
  };
  put("validation macro-F1", dig(metrics, "validation", "report", "macroF1"));
  put("validation accuracy", dig(metrics, "validation", "report", "accuracy"));
  put("cross-validated macro-F1", dig(metrics, "refitCrossValidation", "report", "macroF1"));
  put("calibration error (ECE)", dig(metrics, "calibration", "validation", "eceCalibrated"));
  put("human labels used", dig(metrics, "humanLabels", "used"));
  put("new human labels", dig(metrics, "humanLabels", "newSincePrevious"));
  return out;
}

export function readModelMetrics(meta: Record<string, unknown>): Record<string, number | string> {
  const own = meta.metrics;
  if (own && typeof own === "object" && !Array.isArray(own)) {
    return Object.fromEntries(Object.entries(own).filter((e): e is [string, number | string] => typeof e[1] === "number" || typeof e[1] === "string"));
  }
  const dir = typeof meta.modelDir === "string" ? meta.modelDir : null;
  if (!dir) return {};
  const cached = cache.get(dir);
  if (cached) return cached;
  let headline: Record<string, number> = {};
  try {
    headline = toHeadlineMetrics(JSON.parse(fs.readFileSync(path.join(dir, "metrics.json"), "utf8")));
  } catch {
    // A moved or pruned model folder: the version simply shows no metrics.
  }
  cache.set(dir, headline);
  return headline;
}
