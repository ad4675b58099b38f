/**
 * Title text -> the text given to the language identifier.
 *
 * Measured on the real titles by `npm run ml:language-report` (accuracy against the OCR-text
 * language / the catalogue `Languages`; the report has an ablation table): raw title
 * 94.9% / 92.2%, default steps 96.8% / 94.4%. "Kept at 99%" below is the largest share of the
 * OCR-set books a confidence threshold can keep at 99% accuracy: it measures how well the
 * confidence ranks answers, which is what the portal's confidence filter relies on.
 * - Digits, punctuation (brackets included) and the cataloguer's "etc" carry no language but move
 *   fastText's character n-grams: removing them is most of the gain.
 * - Lowercasing: top-1 accuracy within 0.1 point either way, but kept at 99% rises from 87.6% to
 *   91.0% (catalogue set, kept at 98%: 84.6% -> 89.7%).
 * - Pre-1918 Russian spelling (ѣ, і, ѳ, ѵ, word-final ъ) is absent from the modern Wikipedia text
 *   lid.176 learnt from; left as is, Russian titles of the 1890s come out as Ukrainian or
 *   Bulgarian (+0.2 points on the OCR set, kept at 99%: 90.0% -> 91.0%). Only titles showing
 *   ѣ, ѳ, ѵ or a word-final ъ are respelled, so modern Ukrainian (which has і) is left alone.
 * - Not done by default: removing the cataloguer's bracketed notes ("[With plates.]",
 *   "[A novel.]"). They are English whatever the book's language, which looked like noise, but
 *   removing them lowered OCR-set accuracy (96.8% -> 96.7%) and kept at 99% (91.0% -> 89.0%):
 *   on the many English books they are extra English evidence. `stripNotes: true` remains for
 *   the ablation (a leading bracket, a title the cataloguer supplied, is kept even then).
 */

export interface PreprocessOptions {
  /** Remove cataloguer notes in brackets (default false: measured to hurt, see above). */
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
  const { stripNotes = false, lowercase = true, modernCyrillic = true } = options;
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
