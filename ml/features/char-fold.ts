/**
 * Character folding for hashing: lower case, diacritics removed, every code unit classified
 * as part of a word or not. Done with a lookup table so tokenising never allocates strings:
 * prediction hashes tens of millions of n-grams and string allocation would dominate.
 */

/** Code units up to this bound use the table; above it (CJK, symbols) a slower path. */
const TABLE_SIZE = 0x3000;

/** Folded code unit; 0 means "not part of a word" (separator), 0xffff "drop" (combining mark). */
const FOLD = new Uint16Array(TABLE_SIZE);
export const DROP = 0xffff;

const letterOrDigit = /[\p{L}\p{N}]/u;
const mark = /\p{M}/u;

function foldSlow(code: number): number {
  const ch = String.fromCharCode(code);
  if (mark.test(ch)) return DROP;
  if (!letterOrDigit.test(ch)) return 0;
  // NFD splits "é" into "e" + combining accent; the base letter is the first code unit.
  const base = ch.normalize("NFD").toLowerCase();
  const folded = base.charCodeAt(0);
  return folded === 0 || folded === DROP ? code : folded;
}

// Digits are word characters so "1848" and "3rd" are tokens; apostrophes split ("l'homme").
for (let c = 0; c < TABLE_SIZE; c++) FOLD[c] = foldSlow(c);
// Greek final sigma: upper-case titles lower-case to medial sigma, so fold both to it.
FOLD[0x3c2] = 0x3c3;

/** Folded code unit of `code`: 0 for separators, DROP for combining marks. */
export function foldCode(code: number): number {
  if (code < TABLE_SIZE) return FOLD[code]!;
  // Surrogate halves (emoji, rare scripts) are treated as letters so nothing is lost.
  if (code >= 0xd800 && code <= 0xdfff) return code;
  return foldSlow(code);
}

/** Folded text as a string (for display, grouping identical titles and tests). */
export function foldText(text: string): string {
  let out = "";
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f === DROP) continue;
    if (f === 0) {
      if (!space) out += " ";
      space = true;
    } else {
      out += String.fromCharCode(f);
      space = false;
    }
  }
  return out.trimEnd();
}
