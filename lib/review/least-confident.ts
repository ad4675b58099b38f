import type { Prediction } from "@/lib/store/types";

/**
 * Active learning's query: the books the live model is least sure of (lowest confidence in its
 * own answer), skipping books that already have a human label.
 */
export function pickLeastConfident(predictions: Iterable<Prediction>, labelled: ReadonlySet<string>, limit: number): Prediction[] {
  const out: Prediction[] = [];
  for (const p of predictions) if (!labelled.has(p.recordId)) out.push(p);
  out.sort((a, b) => a.confidence - b.confidence || (a.recordId < b.recordId ? -1 : 1));
  return out.slice(0, limit);
}
