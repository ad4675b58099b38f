/**
 * Title text -> the text given to the language identifier.
 *
 * Measured on the real titles by `npm run ml:language-report` (accuracy against the OCR-text
 * language / the catalogue `Languages`; the report has an ablation table):
 * raw title 94.7% / 90.0%; all steps 96.5% / 92.4%.
 * - Digits, punctuation and the cataloguer's "etc" carry no language but move fastText's
 *   character n-grams: removing them is most of the gain.
 * - Bracketed notes the cataloguer added ("[With plates.]", "[A novel.]", "[By ..., i.e. ...]")
 *   are in English whatever the book's language: removing them gains 0.2 points on the catalogue
 *   set (mostly Dutch and Scandinavian books) and costs 0.1 on the OCR set (mostly English).
 *   A bracket that opens the title is a title the cataloguer supplied from the book itself, so
 *   its text is kept.
 * - Lowercasing costs 0.1-0.35 points of top-1 accuracy but ranks answers better by confidence,
 *   which is what a confidence filter uses: the largest share of books that can be kept at 99%
 *   accuracy on the OCR set is 88.0% lowercased against 83.9% as catalogued (catalogue set, at
 *   98%: 78.4% against 76.9%).
 * - Pre-1918 Russian spelling (ѣ, і, ѳ, ѵ, word-final ъ) is absent from the modern Wikipedia text
 *   lid.176 learnt from; left as is, Russian titles of the 1890s come out as Ukrainian or
 *   Bulgarian (+0.2 points on the OCR set). Only titles showing ѣ, ѳ, ѵ or a word-final ъ are
 *   respelled, so modern Ukrainian (which has і) is left alone.
 */

export interface PreprocessOptions {
  /** Remove cataloguer notes in brackets (default true). */
  stripNotes?: boolean;
  lowercase?: boolean;
  /** Respell pre-reform Russian Cyrillic (default true). */
  modernCyrillic?: boolean;
}

const INNERMOST_BRACKET = /\[[^[\]]*\]/g;
const PRE_REFORM_MARK = /[ѣѢѳѲѵѴ]|[ъЪ](?=$|[^\p{L}])/u;

function stripCataloguerNotes(title: string): string {
  let text = title.trim();
  // Innermost first, so "[A [B] C]" loses [B] before its outer bracket is judged.
  for (;;) {
    let changed = false;
    text = text.replace(INNERMOST_BRACKET, (match, offset: number, whole: string) => {
      changed = true;
      const leading = whole.slice(0, offset).trim() === "";
      return leading ? ` ${match.slice(1, -1)} ` : " ";
    });
    if (!changed) return text;
  }
}

function toModernRussian(text: string): string {
  if (!PRE_REFORM_MARK.test(text)) return text;
  return text
    .replace(/ѣ/g, "е")
    .replace(/Ѣ/g, "Е")
    .replace(/[ѳ]/g, "ф")
    .replace(/[Ѳ]/g, "Ф")
    .replace(/[ѵ]/g, "и")
    .replace(/[Ѵ]/g, "И")
    .replace(/і/g, "и")
    .replace(/І/g, "И")
    .replace(/[ъЪ](?=$|[^\p{L}])/gu, "");
}

/** Returns the text to identify, or "" when the title has no letters at all. */
export function toIdentifierText(title: string, options: PreprocessOptions = {}): string {
  const { stripNotes = true, lowercase = true, modernCyrillic = true } = options;
  let text = title.normalize("NFC").replace(/\s+/g, " ");
  if (stripNotes) text = stripCataloguerNotes(text);
  if (modernCyrillic) text = toModernRussian(text);
  text = text
    .replace(/\p{N}+/gu, " ")
    // Keep letters, combining marks and in-word apostrophes (French "l'Isle", Dutch "'s").
    .replace(/[^\p{L}\p{M}']+/gu, " ")
    .replace(/(^|\s)'+|'+(?=\s|$)/g, " ")
    .replace(/\betc\b/gi, " ");
  if (lowercase) text = text.toLowerCase();
  return text.replace(/\s+/g, " ").trim();
}
