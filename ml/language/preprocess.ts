/**
 * Title text -> the text given to the language identifier.
 *
 * Each step is here because it changed accuracy on the real titles (see
 * `npm run ml:language-report`, which scores the raw title against this preprocessing):
 * - Bracketed notes the cataloguer added ("[With plates.]", "[A novel.]", "[By ..., i.e. ...]")
 *   are in English whatever the book's language, so they pull non-English titles towards
 *   English. A bracket that opens the title is different: it is a title supplied by the
 *   cataloguer from the book itself, so its text is kept.
 * - Digits, punctuation and the cataloguer's "etc" carry no language but do move fastText's
 *   character n-grams.
 * - Lowercase: lid.176 was trained mostly on running text where capitals are rare; catalogue
 *   titles capitalise every noun in some traditions (German, Danish), which it reads as noise.
 * - Pre-1918 Russian spelling (ѣ, і, ѳ, ѵ, word-final ъ) is absent from the modern Wikipedia text
 *   lid.176 learnt from; left as is, Russian titles of the 1890s come out as Ukrainian or
 *   Bulgarian. Only titles showing ѣ, ѳ, ѵ or a word-final ъ are respelled, so modern Ukrainian
 *   (which has і) is left alone.
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
