import { indexTermsOfWord, words } from "@/lib/search/fold";
import type { HighlightPart } from "@/lib/search/types";

/** Typo budget per query term; the same function drives MiniSearch's fuzzy option and highlighting. */
export function maxEdits(term: string): number {
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

/** Bounded Levenshtein distance: returns limit + 1 as soon as the distance must exceed limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (curr[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev, curr] = [curr, prev];
  }
  return prev[b.length] as number;
}

/** Whether an indexed (folded) term matches one of the query terms under the engine's rules. */
export function buildTermMatcher(queryTerms: readonly string[]): (term: string) => boolean {
  const last = queryTerms.length - 1;
  return (term) =>
    queryTerms.some((q, i) => {
      if (term === q) return true;
      if (i === last && term.startsWith(q)) return true;
      const edits = maxEdits(q);
      return edits > 0 && editDistance(term, q, edits) <= edits;
    });
}

/** Splits a text into matched and unmatched parts; a compound word is marked whole when any of its terms match. */
export function toHighlightParts(text: string, matches: (term: string) => boolean): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const push = (t: string, match: boolean) => {
    if (t === "") return;
    const last = parts[parts.length - 1];
    if (last && last.match === match) last.text += t;
    else parts.push({ text: t, match });
  };
  let at = 0;
  for (const w of words(text)) {
    push(text.slice(at, w.start), false);
    push(w.text, indexTermsOfWord(w.text).some(matches));
    at = w.end;
  }
  push(text.slice(at), false);
  return parts;
}
