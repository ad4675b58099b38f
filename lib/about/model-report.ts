/**
 * The figures of /about/model and /about/model/card, derived from the artifacts only: headline
 * metrics with baselines, slices handled badly (named in the card's limitations) and what changed
 * between stored prediction versions. Pure, so tests can feed it edited artifacts.
 */
import type { PredictionVersion } from "@/lib/store/types";
import type { Evaluation, ModelArtifacts, Slice } from "./artifacts";

export interface HeadlineRow {
  run: string;
  model: string;
  n: number;
  macroF1: number;
  accuracy: number;
  ece: number;
}

export function toHeadlineRows(e: Evaluation): HeadlineRow[] {
  return [
    { run: e.name, model: "this model", n: e.n, macroF1: e.report.macroF1, accuracy: e.report.accuracy, ece: e.ece },
    ...e.baselines.map((b) => ({ run: e.name, model: `baseline: ${b.name}`, n: e.n, macroF1: b.report.macroF1, accuracy: b.report.accuracy, ece: b.ece })),
  ];
}

export interface WeakSlice {
  kind: "language" | "decade";
  slice: string;
  n: number;
  errorRate: number;
  /** errorRate / the evaluation's overall error rate. */
  relative: number;
}

/**
 * Languages and decades whose error rate is at least `factor` times the overall one, with at
 * least `minBooks` books (smaller slices are noise). Read from the cross-validated refit when it
 * has slices (every labelled book), else validation.
 */
export function findWeakSlices(e: Evaluation, minBooks = 10, factor = 1.5): WeakSlice[] {
  const overall = 1 - e.report.accuracy;
  const pick = (kind: WeakSlice["kind"], slices: readonly Slice[]) =>
    slices
      .filter((s) => s.n >= minBooks && s.slice !== "unknown" && s.errorRate >= factor * overall && s.errorRate > 0)
      .map((s) => ({ kind, slice: s.slice, n: s.n, errorRate: s.errorRate, relative: overall > 0 ? s.errorRate / overall : Number.POSITIVE_INFINITY }));
  return [...pick("language", e.slices.language), ...pick("decade", e.slices.decade)].sort((a, b) => b.errorRate - a.errorRate);
}

/** A century from a decade slice ("1790s" -> "18th century"). */
export function toCentury(decade: string): string | null {
  const m = /^(\d{3,4})0s$/.exec(decade);
  if (!m) return null;
  const c = Math.floor(Number(m[1]) / 10) + 1;
  return `${c}th century`;
}

export function describeWeakSlices(weak: readonly WeakSlice[], overallErrorRate: number): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return weak.map((w) => {
    const what = w.kind === "language" ? `${w.slice} titles` : `books from the ${w.slice}${toCentury(w.slice) ? ` (${toCentury(w.slice)})` : ""}`;
    return `${what}: error rate ${pct(w.errorRate)} on ${w.n} books, against ${pct(overallErrorRate)} overall (${w.relative.toFixed(1)}x)`;
  });
}

export interface VersionChange {
  version: string;
  createdAt: string;
  records: number;
  current: boolean;
  /** "records: 30 -> 34418", "modelDir: a -> b", ... against the version before it. */
  changes: string[];
  summary: string | null;
}

function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

const short = (s: string | undefined) => (s === undefined ? "(none)" : s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** Version history oldest first, each with the meta fields that differ from the previous version. */
export function toVersionChanges(versions: readonly PredictionVersion[], currentVersion: string | null): VersionChange[] {
  const sorted = [...versions].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return sorted.map((v, i) => {
    const prev = sorted[i - 1];
    const changes: string[] = [];
    if (prev) {
      if (prev.records !== v.records) changes.push(`records: ${prev.records} -> ${v.records}`);
      const a = flatten(prev.meta);
      const b = flatten(v.meta);
      for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
        if (a.get(key) !== b.get(key)) changes.push(`${key}: ${short(a.get(key))} -> ${short(b.get(key))}`);
      }
    }
    const summary = typeof v.meta.summary === "string" ? v.meta.summary : typeof v.meta.job === "string" ? v.meta.job : null;
    return { version: v.version, createdAt: v.createdAt, records: v.records, current: v.version === currentVersion, changes, summary };
  });
}

/** The evaluation whose slices best describe the model: the cross-validated refit (all labelled books). */
export function sliceSource(a: ModelArtifacts): Evaluation {
  return a.metrics.refitCrossValidation.n > 0 ? a.metrics.refitCrossValidation : a.metrics.validation;
}
