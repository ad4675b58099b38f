/**
 * Text folding shared by indexing, querying, highlighting and facet value search, so that
 * "Erzahlung" meets "Erzählung" and the long s ("ſ", which NFKD maps to "s") meets "s".
 */

// Letters NFKD leaves whole but readers treat as plain Latin letters.
const SPECIAL: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", þ: "th", ł: "l", ı: "i" };
const SPECIAL_RE = /[ßæœøđðþłı]/g;
const MARKS_RE = /\p{M}+/gu;

const PLAIN_ASCII_RE = /^[\x20-\x7e]*$/;

export function fold(text: string): string {
  // Most catalogue text is plain ASCII: skip Unicode normalisation for it (5-10x faster indexing).
  if (PLAIN_ASCII_RE.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(MARKS_RE, "").toLowerCase().replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

/**
 * Words of a text with their offsets. A word may hold inner hyphens or apostrophes
 * ("to-day", "l'histoire"): it is kept whole so the caller can index its parts and the joined form.
 */
const WORD_RE = /[\p{L}\p{N}]+(?:[-‐‑'’][\p{L}\p{N}]+)*/gu;
const JOINER_RE = /[-‐‑'’]/;
const JOINERS_RE = /[-‐‑'’]/g;

export interface Word {
  text: string;
  start: number;
  end: number;
}

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD_RE)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Index terms of a word: a compound gives its parts and its joined form ("to-day": to, day, today). */
export function indexTermsOfWord(word: string): string[] {
  const folded = fold(word);
  if (!JOINER_RE.test(folded)) return [folded];
  const parts = folded.split(/[-‐‑'’]/).filter((p) => p !== "");
  return [...parts, parts.join("")];
}

/** Query terms of a word: a compound is searched by its joined form only, which every spelling indexes. */
export function queryTermOfWord(word: string): string {
  return fold(word).replace(/[-‐‑'’]/g, "");
}

/** Index terms of a text: folded once, then split (folding each word separately costs 4x more). */
export function tokenizeForIndex(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(WORD_RE)) {
    const w = m[0];
    if (!JOINER_RE.test(w)) {
      out.push(w);
      continue;
    }
    const parts = w.split(JOINERS_RE).filter((p) => p !== "");
    out.push(...parts, parts.join(""));
  }
  return out;
}

export function tokenizeQuery(text: string): string[] {
  return words(text).map((w) => queryTermOfWord(w.text));
}
