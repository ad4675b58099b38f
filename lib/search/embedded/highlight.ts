import { indexTermsOfWord, words } from "@/lib/search/fold";
import type { HighlightPart } from "@/lib/search/types";

/** Typo budget per query term; the same function drives the text index's typo matching and highlighting. */
export function maxEdits(term: string): number {
  if (term.length >= 8) return 2;
  if (term.length >= 4) return 1;
  return 0;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Whether a and b differ by exactly one insertion, deletion or substitution (or not at all). */
function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (la > lb) return withinOneEdit(b, a);
  if (lb - la > 1) return false;
  let i = 0;
  while (i < la && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la) return true;
  if (la === lb) {
    for (let j = i + 1; j < la; j++) if (a.charCodeAt(j) !== b.charCodeAt(j)) return false;
    return true;
  }
  for (let j = i; j < la; j++) if (a.charCodeAt(j) !== b.charCodeAt(j + 1)) return false;
  return true;
}

/**
 * Bounded Levenshtein distance: returns limit + 1 as soon as the distance must exceed limit.
 * Runs over every candidate term of a typo search, so it reuses its rows instead of allocating.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (limit === 1) return a === b ? 0 : withinOneEdit(a, b) ? 1 : 2;
  if (b.length + 1 > rowA.length) {
    rowA = new Int32Array(b.length * 2 + 2);
    rowB = new Int32Array(b.length * 2 + 2);
  }
  let prev = rowA;
  let curr = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const del = (prev[j] as number) + 1;
      const ins = (curr[j - 1] as number) + 1;
      const sub = (prev[j - 1] as number) + cost;
      const v = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev;
    prev = curr;
    curr = t;
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
      // Typos never on the first letter, as in the text index.
      return edits > 0 && term[0] === q[0] && editDistance(term, q, edits) <= edits;
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
