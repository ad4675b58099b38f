/**
 * Normalisation of raw catalogue strings (dates, places, languages, shelfmarks).
 * Pure functions: the parser calls them per row, the tests pin the hand cases.
 */

/** Years outside this range are catalogue noise (page counts, shelfmark numbers), not dates. */
export const MIN_YEAR = 1400;
export const MAX_YEAR = 2025;

const PLAIN_YEAR = /^\d{4}$/;
const ARABIC_YEAR = /(?<!\d)(1[4-9]\d\d|20[0-2]\d)(?!\d)/;
// Roman dates in imprints: "MDCCLXXIV", "M.DCCC.LXX.", "mdccclxx". Must start with M (1000+).
const ROMAN_YEAR = /(?<![A-Za-z])(M[MDCLXVI.\s]*[MDCLXVI])(?![A-Za-z])/i;

const ROMAN_VALUES: Record<string, number> = { M: 1000, D: 500, C: 100, L: 50, X: 10, V: 5, I: 1 };

/** Strict Roman numeral value, or null when the letters do not form a canonical numeral. */
export function parseRoman(text: string): number | null {
  const s = text.toUpperCase();
  if (!/^[MDCLXVI]+$/.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = i + 1 < s.length ? ROMAN_VALUES[s[i + 1]!]! : 0;
    total += v < next ? -v : v;
  }
  // Round-trip so that letter soup like "MIM" or "MCMC" is refused rather than guessed.
  return toRoman(total) === s ? total : null;
}

export function toRoman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, "M"], [900, "CM"], [500, "D"], [400, "CD"], [100, "C"], [90, "XC"],
    [50, "L"], [40, "XL"], [10, "X"], [9, "IX"], [5, "V"], [4, "IV"], [1, "I"],
  ];
  let out = "";
  let rest = n;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/**
 * Year of publication from a raw catalogue date, or null.
 * The first plausible year wins: in "1879 [1878]" and "1886, [1885]" the imprint date comes
 * first and the bracketed one is the cataloguer's correction of the actual printing year;
 * the imprint year is what readers see on the title page.
 * Ranges ("1868-70", "1892, 93") give their start; open ranges ("1871-") their only year.
 * Incomplete dates ("18--", "184-?") give null: a decade guess would pretend to a precision
 * the catalogue does not have.
 */
export function parseYear(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  const text = raw.trim();
  if (text === "") return null;
  if (text.length === 4 && PLAIN_YEAR.test(text)) {
    const y = Number(text);
    return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
  }
  const arabic = ARABIC_YEAR.exec(text);
  if (arabic) return Number(arabic[1]);
  const roman = ROMAN_YEAR.exec(text);
  if (roman) {
    const value = parseRoman(roman[1]!.replace(/[.\s]/g, ""));
    if (value !== null && value >= MIN_YEAR && value <= MAX_YEAR) return value;
  }
  return null;
}

/** A raw date that is present but gave no year: kept raw and counted by ingest. */
export function isUnparsedDate(raw: string | null | undefined, year: number | null): boolean {
  return year === null && raw != null && raw.trim() !== "";
}

export function toDecade(year: number): number {
  return Math.floor(year / 10) * 10;
}

/** "1870s": the value the decade facet shows and filters on. */
export function toDecadeLabel(year: number | null): string | null {
  return year === null ? null : `${toDecade(year)}s`;
}

/** Split a `;`-separated catalogue list, trimming parts and dropping empty ones. */
export function splitList(raw: string | null | undefined, separator = ";"): string[] {
  if (raw == null || raw === "") return [];
  if (!raw.includes(separator)) {
    const t = raw.trim();
    return t === "" ? [] : [t];
  }
  const out: string[] = [];
  for (const part of raw.split(separator)) {
    const t = part.trim();
    if (t !== "") out.push(t);
  }
  return out;
}

// Most places are plain ("London"); only these characters call for the full clean-up.
const NEEDS_PLACE_CLEANING = /[[\]?.,:;/\\-]|printed|^\s|\s$|\s\s/i;
const EDGE_PUNCTUATION = /^[\s.,:;/\\-]+|[\s.,:;/\\-]+$/g;

/**
 * One place of publication, cleaned for faceting:
 * "New York]" -> "New York", "[London]" -> "London", "London :" -> "London",
 * "London?]" -> "London", "Boston [Mass.]" -> "Boston, Mass" (the same value as "Boston, Mass"),
 * "Guildford [printed]" -> "Guildford". "[S.l.]" (sine loco: place unknown) -> null.
 */
export function cleanPlace(raw: string): string | null {
  if (!NEEDS_PLACE_CLEANING.test(raw)) {
    const t = raw.trim();
    return t === "" ? null : t;
  }
  let s = raw
    // Printer's-place notes are about the printer, not the place of publication.
    .replace(/,?\s*printed(?=\s*\]|\s*$)/gi, "")
    .replace(/\[\s*\]/g, "");
  // A bracketed qualifier after a name is a cataloguer's addition: "Boston [Mass.]".
  s = s.replace(/([^\s[,])\s*,?\s*\[\s*(?=[^\s\]])/g, "$1, ");
  s = s.replace(/[[\]?]/g, "");
  s = s.replace(/\s+/g, " ").replace(/\s+,/g, ",").replace(EDGE_PUNCTUATION, "");
  if (s === "" || /^s\.?\s*l$/i.test(s) || /^sine loco$/i.test(s)) return null;
  return s;
}

/** Places of publication: split on `;`, each cleaned, empties and repeats dropped. */
export function parsePlaces(raw: string | null | undefined): string[] {
  return uniqueCleaned(splitList(raw), cleanPlace);
}

/** A language name, cleaned of brackets, uncertainty marks and edge punctuation. */
export function cleanLanguage(raw: string): string | null {
  if (!NEEDS_PLACE_CLEANING.test(raw)) {
    const t = raw.trim();
    return t === "" ? null : t;
  }
  const s = raw.replace(/[[\]?]/g, "").replace(/\s+/g, " ").replace(EDGE_PUNCTUATION, "");
  return s === "" ? null : s;
}

export function parseLanguages(raw: string | null | undefined): string[] {
  return uniqueCleaned(splitList(raw), cleanLanguage);
}

export function parseCountries(raw: string | null | undefined): string[] {
  return uniqueCleaned(splitList(raw), cleanLanguage);
}

const SHELFMARK_PREFIX = /^(?:Digital\s+Store|British\s+Library\s+HMNTS)(?:\s+|$)/i;
// Other BL collections name themselves too: "British Library DSC W67/1390", "British Library MUSIC Hirsch IV.1393.".
const OTHER_BL_PREFIX = /^British\s+Library\s+[A-Z]+(?:\s+|$)/;

/**
 * The shelfmark's class number without the source prefix, which only tells where the record
 * came from ("Digital Store 11651.h.6" and "British Library HMNTS 12641.b.30." are one scheme).
 * A record with several shelfmarks ("a|b|c") gives the first one in the general (HMNTS) scheme,
 * else the first one at all.
 */
export function toShelfmarkClass(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let fallback: string | null = null;
  for (const part of raw.includes("|") ? raw.split("|") : [raw]) {
    const t = part.trim();
    const general = SHELFMARK_PREFIX.test(t);
    const cls = t.replace(general ? SHELFMARK_PREFIX : OTHER_BL_PREFIX, "").replace(/\.+$/, "").trim();
    if (cls === "") continue;
    if (general) return cls;
    fallback ??= cls;
  }
  return fallback;
}

/** Trimmed value or null: absent values are null, never "". */
export function toOptional(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = raw.trim();
  return s === "" ? null : s;
}

function uniqueCleaned(parts: string[], clean: (s: string) => string | null): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const c = clean(part);
    if (c !== null && !out.includes(c)) out.push(c);
  }
  return out;
}
