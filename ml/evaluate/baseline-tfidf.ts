/**
 * The "commonsense" baseline every genre metric is reported next to: TF-IDF on word 1-2-grams
 * plus character 2-5-grams (like scikit-learn's TfidfVectorizer: raw counts, smooth idf, each
 * block L2-normalised) and an L2-regularised logistic regression (C = 1, decision at 0.5).
 * Small and written here so that it runs on the same split, in the same process.
 */
import { foldText } from "@/ml/features/char-fold";
import { toShelfmarkTokens, toYear, type GenreInput } from "@/ml/features/featurise";
import { sigmoid } from "@/ml/model/calibration";

/** The record as one text: the title, plus the metadata a catalogue record may carry. */
export function toBaselineText(input: GenreInput, titleOnly: boolean): string {
  if (titleOnly) return input.title;
  const year = toYear(input);
  const mark = input.shelfmarkClass ?? input.shelfmark;
  return [
    input.title,
    input.name ?? input.allNames?.[0] ?? "",
    (input.places ?? []).join(" "),
    input.publisher ?? "",
    year === null ? "" : `decade${Math.floor(year / 10)}`,
    input.edition ?? "",
    input.physicalDescription ?? "",
    input.catalogueGenre ?? "",
    mark ? toShelfmarkTokens(mark).join(" ") : "",
  ]
    .filter((s) => s !== "")
    .join(" | ");
}

interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

export interface TfidfLogReg {
  vocab: Map<string, number>;
  idf: Float64Array;
  weights: Float64Array;
  intercept: number;
}

function grams(text: string): { words: string[]; chars: string[] } {
  const folded = foldText(text);
  const tokens = folded.split(" ").filter((t) => t.length > 0);
  const words = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) words.push(`${tokens[i]} ${tokens[i + 1]}`);
  const chars: string[] = [];
  for (let n = 2; n <= 5; n++) for (let i = 0; i + n <= folded.length; i++) chars.push(folded.slice(i, i + n));
  return { words, chars };
}

function countBlock(tokens: readonly string[], prefix: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(prefix + t, (counts.get(prefix + t) ?? 0) + 1);
  return counts;
}

function vectorise(text: string, vocab: Map<string, number>, idf: Float64Array): SparseRow {
  const { words, chars } = grams(text);
  const idx: number[] = [];
  const val: number[] = [];
  for (const [prefix, tokens] of [["w:", words], ["c:", chars]] as const) {
    const start = idx.length;
    for (const [token, count] of countBlock(tokens, prefix)) {
      const j = vocab.get(token);
      if (j === undefined) continue;
      idx.push(j);
      val.push(count * idf[j]!);
    }
    let norm = 0;
    for (let k = start; k < val.length; k++) norm += val[k]! * val[k]!;
    norm = Math.sqrt(norm) || 1;
    for (let k = start; k < val.length; k++) val[k]! /= norm;
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
}

export function trainTfidfLogReg(texts: readonly string[], ys: readonly number[], options: { C?: number; iterations?: number } = {}): TfidfLogReg {
  const C = options.C ?? 1;
  const iterations = options.iterations ?? 200;
  const df = new Map<string, number>();
  for (const text of texts) {
    const { words, chars } = grams(text);
    for (const [prefix, tokens] of [["w:", words], ["c:", chars]] as const) for (const t of new Set(tokens)) df.set(prefix + t, (df.get(prefix + t) ?? 0) + 1);
  }
  const vocab = new Map<string, number>();
  // Ids by falling document frequency: the passes below gather and scatter by id, and common
  // n-grams close together stay in cache (the ids are labels only: the fit is the same).
  const byFrequency = [...df.keys()].sort((a, b) => df.get(b)! - df.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  for (const token of byFrequency) vocab.set(token, vocab.size);
  const n = texts.length;
  const idf = new Float64Array(vocab.size);
  for (const [token, j] of vocab) idf[j] = Math.log((1 + n) / (1 + df.get(token)!)) + 1;
  // Rows flattened into one index and one value array (CSR): the 200 passes below were
  // dominated by per-row object and closure overhead, not arithmetic.
  const rows = texts.map((t) => vectorise(t, vocab, idf));
  const rowStart = new Int32Array(n + 1);
  rows.forEach((row, i) => {
    rowStart[i + 1] = rowStart[i]! + row.idx.length;
  });
  const cols = new Int32Array(rowStart[n]!);
  const vals = new Float64Array(rowStart[n]!);
  rows.forEach((row, i) => {
    cols.set(row.idx, rowStart[i]!);
    vals.set(row.val, rowStart[i]!);
  });
  const y = Float64Array.from(ys);

  // Minimise (1/n) [ C * sum logloss + 0.5 ||w||^2 ] (scikit-learn's objective, scaled) with
  // full-batch Adam: the problem is strongly convex, so a fixed schedule converges.
  const w = new Float64Array(vocab.size);
  let b = 0;
  const m = new Float64Array(vocab.size);
  const v = new Float64Array(vocab.size);
  let mb = 0;
  let vb = 0;
  const g = new Float64Array(vocab.size);
  const lr = 0.05;
  for (let t = 1; t <= iterations; t++) {
    for (let j = 0; j < g.length; j++) g[j] = w[j]! / n;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const from = rowStart[i]!;
      const to = rowStart[i + 1]!;
      let z = b;
      for (let k = from; k < to; k++) z += w[cols[k]!]! * vals[k]!;
      const r = (C * (sigmoid(z) - y[i]!)) / n;
      gb += r;
      for (let k = from; k < to; k++) g[cols[k]!]! += r * vals[k]!;
    }
    const c1 = 1 - 0.9 ** t;
    const c2 = 1 - 0.999 ** t;
    for (let j = 0; j < w.length; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!;
      w[j]! -= (lr * (m[j]! / c1)) / (Math.sqrt(v[j]! / c2) + 1e-8);
    }
    mb = 0.9 * mb + 0.1 * gb;
    vb = 0.999 * vb + 0.001 * gb * gb;
    b -= (lr * (mb / c1)) / (Math.sqrt(vb / c2) + 1e-8);
  }
  return { vocab, idf, weights: w, intercept: b };
}

/** Probability of Fiction per text. */
export function predictTfidfLogReg(model: TfidfLogReg, texts: readonly string[]): number[] {
  return texts.map((text) => {
    const row = vectorise(text, model.vocab, model.idf);
    let z = model.intercept;
    for (let k = 0; k < row.idx.length; k++) z += model.weights[row.idx[k]!]! * row.val[k]!;
    return sigmoid(z);
  });
}
