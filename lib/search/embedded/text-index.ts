import { tokenizeForIndex, tokenizeQuery } from "@/lib/search/fold";
import { editDistance, maxEdits } from "@/lib/search/embedded/highlight";

/**
 * Full-text index over folded terms, in typed arrays. Written for this collection after MiniSearch
 * measured 5-30 ms per query on common words (it builds a result object per matching document):
 * here a query term expands to vocabulary terms (exact; prefix for the last word; up to
 * maxEdits(term) typos, first letter kept, as Meilisearch also prefers), postings are merged into
 * one score array, and a document matches when every query term matched one of its fields.
 */

export const TEXT_FIELDS = ["title", "names", "places", "publisher"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Field weights: a title match counts double. Field bit i has weight FIELD_WEIGHT[i]. */
const FIELD_WEIGHT = [2, 1, 1, 1];
const FIELD_MASK_WEIGHT = Float32Array.from({ length: 16 }, (_, mask) => {
  let best = 0;
  for (let i = 0; i < 4; i++) if (mask & (1 << i) && (FIELD_WEIGHT[i] as number) > best) best = FIELD_WEIGHT[i] as number;
  return best;
});

export const MAX_QUERY_TERMS = 32;

const EXACT = 1;
const PREFIX = 0.45;
const FUZZY = 0.35;

export interface TextIndex {
  docCount: number;
  /** Vocabulary sorted by code units (prefix ranges are contiguous). */
  terms: string[];
  /** Postings of term t: docs[offsets[t] .. offsets[t+1]) ascending, with the fields it occurs in. */
  offsets: Uint32Array;
  docs: Uint32Array;
  fields: Uint8Array;
  /** "<first letter>:<length>" -> term ids, the candidate sets for typo matching. */
  byInitialAndLength: Map<string, Uint32Array>;
  /** Per term, the set of letters it contains as bits: k edits change at most 2k bits, a cheap reject. */
  signatures: Uint32Array;
}

export function letterSignature(term: string): number {
  let sig = 0;
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    sig |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return sig >>> 0;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export type TextFieldsOf = (doc: number) => readonly [string, string, string, string];

/**
 * Two passes over flat typed arrays: (term, doc, field) triples as the documents are tokenized,
 * then a counting sort by term. Per-term JS arrays cost seconds of allocation and GC at 34k records.
 */
export function buildTextIndex(docCount: number, fieldsOf: TextFieldsOf): TextIndex {
  const termIds = new Map<string, number>();
  const firstSeen: string[] = [];
  let cap = 1 << 20;
  let tripTerm = new Uint32Array(cap);
  let tripDoc = new Uint32Array(cap);
  let tripBits = new Uint8Array(cap);
  let size = 0;
  for (let d = 0; d < docCount; d++) {
    const texts = fieldsOf(d);
    for (let f = 0; f < 4; f++) {
      const text = texts[f] as string;
      if (text === "") continue;
      const bit = 1 << f;
      for (const term of tokenizeForIndex(text)) {
        if (term === "") continue;
        let id = termIds.get(term);
        if (id === undefined) {
          id = firstSeen.length;
          termIds.set(term, id);
          firstSeen.push(term);
        }
        if (size === cap) {
          cap *= 2;
          const t = new Uint32Array(cap);
          t.set(tripTerm);
          tripTerm = t;
          const dd = new Uint32Array(cap);
          dd.set(tripDoc);
          tripDoc = dd;
          const bb = new Uint8Array(cap);
          bb.set(tripBits);
          tripBits = bb;
        }
        tripTerm[size] = id;
        tripDoc[size] = d;
        tripBits[size] = bit;
        size++;
      }
    }
  }

  // Sorted vocabulary; rank[id] = position of first-seen term id in it.
  const order = firstSeen.map((_, i) => i).sort((a, b) => {
    const x = firstSeen[a] as string;
    const y = firstSeen[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const terms = order.map((i) => firstSeen[i] as string);
  const rank = new Uint32Array(firstSeen.length);
  order.forEach((id, r) => (rank[id] = r));

  // Counting sort of the triples by term rank; documents stay ascending within a term.
  const counts = new Uint32Array(terms.length + 1);
  for (let k = 0; k < size; k++) counts[(rank[tripTerm[k] as number] as number) + 1] = (counts[(rank[tripTerm[k] as number] as number) + 1] as number) + 1;
  for (let t = 0; t < terms.length; t++) counts[t + 1] = (counts[t + 1] as number) + (counts[t] as number);
  const fill = counts.slice(0, terms.length);
  const sortedDoc = new Uint32Array(size);
  const sortedBits = new Uint8Array(size);
  for (let k = 0; k < size; k++) {
    const t = rank[tripTerm[k] as number] as number;
    const at = fill[t] as number;
    sortedDoc[at] = tripDoc[k] as number;
    sortedBits[at] = tripBits[k] as number;
    fill[t] = at + 1;
  }

  // Merge repeats of a term in one document (same term in two fields, or twice in a title).
  const offsets = new Uint32Array(terms.length + 1);
  const docs = new Uint32Array(size);
  const fields = new Uint8Array(size);
  let out = 0;
  for (let t = 0; t < terms.length; t++) {
    offsets[t] = out;
    const start = out;
    for (let k = counts[t] as number; k < (counts[t + 1] as number); k++) {
      const d = sortedDoc[k] as number;
      if (out > start && docs[out - 1] === d) fields[out - 1] = (fields[out - 1] as number) | (sortedBits[k] as number);
      else {
        docs[out] = d;
        fields[out] = sortedBits[k] as number;
        out++;
      }
    }
  }
  offsets[terms.length] = out;

  const groups = new Map<string, number[]>();
  terms.forEach((term, t) => {
    const key = `${term[0]}:${term.length}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  });
  const byInitialAndLength = new Map<string, Uint32Array>();
  for (const [k, v] of groups) byInitialAndLength.set(k, Uint32Array.from(v));
  const signatures = Uint32Array.from(terms, letterSignature);
  return { docCount, terms, offsets, docs: docs.slice(0, out), fields: fields.slice(0, out), byInitialAndLength, signatures };
}

function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Vocabulary terms a query term matches, each with its match-type factor (best factor kept). */
export function expandTerm(index: TextIndex, term: string, isLast: boolean): Map<number, number> {
  const out = new Map<number, number>();
  const { terms } = index;
  const exact = lowerBound(terms, term);
  if (terms[exact] === term) out.set(exact, EXACT);
  if (isLast) {
    for (let t = exact; t < terms.length && (terms[t] as string).startsWith(term); t++) if (!out.has(t)) out.set(t, PREFIX);
  }
  const edits = maxEdits(term);
  if (edits > 0) {
    const initial = term[0] as string;
    const sig = letterSignature(term);
    const maxBits = 2 * edits;
    for (let len = term.length - edits; len <= term.length + edits; len++) {
      const group = index.byInitialAndLength.get(`${initial}:${len}`);
      if (!group) continue;
      for (let k = 0; k < group.length; k++) {
        const t = group[k] as number;
        if (popcount((sig ^ (index.signatures[t] as number)) >>> 0) > maxBits || out.has(t)) continue;
        if (editDistance(terms[t] as string, term, edits) <= edits) out.set(t, FUZZY);
      }
    }
  }
  return out;
}

export interface TextMatches {
  /** Matching documents, ascending. */
  docs: Uint32Array;
  /** Score per document position (only meaningful for matching documents; valid until the next search of this index). */
  scores: Float32Array;
}

/**
 * Documents matching every query term (in some field, through some expansion), with a score:
 * per query term the best of (match factor x the term's idf x field weight), summed over terms.
 * Returns null when the query has no searchable word (the caller then applies no text constraint).
 */
/**
 * Per-index score buffers reused by every search (like evaluate.ts's scratch): allocating three
 * arrays of the collection's size per query showed up as garbage-collector time, most at 1M
 * records. Only the entries a search wrote are cleared, at the start of the next one; the returned
 * scores stay valid until then.
 */
interface TextScratch {
  scores: Float32Array;
  matched: Uint8Array;
  best: Float32Array;
  /** Documents whose scores/matched entries the previous search set. */
  dirty: number[];
}

const scratchByIndex = new WeakMap<TextIndex, TextScratch>();

function scratchFor(index: TextIndex): TextScratch {
  let s = scratchByIndex.get(index);
  if (!s) {
    const n = index.docCount;
    s = { scores: new Float32Array(n), matched: new Uint8Array(n), best: new Float32Array(n), dirty: [] };
    scratchByIndex.set(index, s);
  }
  for (const d of s.dirty) {
    s.scores[d] = 0;
    s.matched[d] = 0;
  }
  s.dirty = [];
  return s;
}

/**
 * When the documents still in the running are this many times fewer than a term's postings,
 * look each of them up in the (ascending) postings instead of walking all of them: "history of
 * bath" then costs the few "bath" documents times a binary search, not every "history" posting.
 */
const PROBE_RATIO = 16;

function postingAtOrAfter(docs: Uint32Array, from: number, to: number, d: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] as number) < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function searchText(index: TextIndex, q: string): TextMatches | null {
  // Beyond 32 words a query is a pasted paragraph; the rest adds cost, not precision (and the
  // per-document match counter is a byte).
  const qterms = tokenizeQuery(q)
    .filter((t) => t !== "")
    .slice(0, MAX_QUERY_TERMS);
  if (qterms.length === 0) return null;
  const n = index.docCount;
  const scratch = scratchFor(index);
  const { scores, matched, best } = scratch;
  let touched: number[] = [];
  for (let i = 0; i < qterms.length; i++) {
    const expansions = expandTerm(index, qterms[i] as string, i === qterms.length - 1);
    const now: number[] = [];
    // One idf per query term, from all its expansions together: with each expansion's own idf a
    // rare prefix or typo match ("historyczno") would outrank the exact word ("history").
    let df = 0;
    for (const t of expansions.keys()) df += (index.offsets[t + 1] as number) - (index.offsets[t] as number);
    const idf = Math.log(1 + n / Math.max(1, df));
    const probe = i > 0 && touched.length * PROBE_RATIO < df;
    const running = probe ? touched : null;
    for (const [t, factor] of expansions) {
      const from = index.offsets[t] as number;
      const to = index.offsets[t + 1] as number;
      const base = factor * idf;
      if (running) {
        // Every document in `running` has matched[d] === i (it matched all earlier terms).
        for (const d of running) {
          const k = postingAtOrAfter(index.docs, from, to, d);
          if (k === to || index.docs[k] !== d) continue;
          const s = base * (FIELD_MASK_WEIGHT[index.fields[k] as number] as number);
          if (best[d] === 0) now.push(d);
          if (s > (best[d] as number)) best[d] = s;
        }
        continue;
      }
      for (let k = from; k < to; k++) {
        const d = index.docs[k] as number;
        if (matched[d] !== i) continue;
        const s = base * (FIELD_MASK_WEIGHT[index.fields[k] as number] as number);
        if (best[d] === 0) now.push(d);
        if (s > (best[d] as number)) best[d] = s;
      }
    }
    for (const d of now) {
      matched[d] = i + 1;
      scores[d] = (scores[d] as number) + (best[d] as number);
      best[d] = 0;
    }
    // Later terms only narrow the first term's documents, so clearing those clears everything.
    if (i === 0) scratch.dirty = now;
    touched = now;
    if (touched.length === 0) break;
  }
  const docs = Uint32Array.from(touched).sort();
  return { docs, scores };
}
