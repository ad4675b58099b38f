import { tokeniseWords } from "../text";


/**
 * Rule-based entity finders for titles, standing in for the study's spaCy NER. Each finder
 * returns only mentions of its own type, so a function that counts organisations never counts
 * a place or a date (the study's functions counted every entity whatever its type).
 */
export type EntityType = "date" | "organisation" | "place" | "law";

export interface EntityMention {
  type: EntityType;
  text: string;
  /** Character offset in the title. */
  index: number;
}

const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|" +
  "Januar|Februar|März|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|" +
  "januari|februari|maart|augustus|mei";
const ORDINAL_CENTURY =
  "(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|\\d{1,2}(?:st|nd|rd|th))";

/** A year a 19th-century title can name: 1000-1929, not part of a longer number, not a quantity. */
const YEAR = "(?<![\\d.,])1(?:[0-8]\\d\\d|9[0-2]\\d)(?![\\d])";
const DATE_PATTERNS: RegExp[] = [
  // "12th March, 1850", "12 mars 1850"
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+${YEAR}`, "giu"),
  // "March 12, 1850", "March 1850"
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?${YEAR}`, "giu"),
  // "1789-1815", "1861 and 1862", "1800 to 1850": one period, one mention
  new RegExp(`${YEAR}\\s*(?:-|–|—|to|and|bis|tot|till)\\s*(?:1[0-9])?\\d\\d(?![\\d])`, "giu"),
  new RegExp(`${YEAR}(?!\\s*(?:miles|feet|ft|yards|metres|meters|leagues|acres|pages|copies|men|persons|soldiers|ships|pounds|dollars))`, "giu"),
  // "the eighteenth century", "im 18. Jahrhundert", "au XVIIIe siècle", "in de 17de eeuw"
  new RegExp(`\\b${ORDINAL_CENTURY}\\s+century|\\b\\d{1,2}\\.\\s*Jahrhunderts?|\\b[XVI]{1,5}e\\s+siècle|\\b\\d{1,2}(?:de|e)\\s+eeuw`, "giu"),
];

/** A date needs a digit or a century word; most titles have neither, and the full patterns are slow. */
const DATE_HINT = /\d|century|Jahrhundert|siècle|eeuw/u;

/** Find date mentions; overlapping matches of later patterns are dropped, so "12 March 1850" counts once. */
export function findDates(title: string): EntityMention[] {
  if (!DATE_HINT.test(title)) return [];
  return findNonOverlapping(title, DATE_PATTERNS, "date");
}

/** Cue words that make a capitalised phrase an organisation (English, German, Dutch, Scandinavian, Romance). */
export const ORGANISATION_CUES = [
  "Society", "Societies", "Company", "Companies", "Institution", "Institute", "Committee", "Parliament", "University", "College",
  "Association", "Board", "Council", "Academy", "Club", "Corporation", "Commission", "Commissioners", "Department", "Museum",
  "Hospital", "Railway", "Bank", "Union", "League", "Trust", "Guild", "Mission", "Missionary Society", "Office", "Ministry",
  "Gesellschaft", "Verein", "Akademie", "Universität", "Genootschap", "Vereeniging", "Vereniging", "Maatschappij", "Sällskap", "Selskab",
  "Société", "Compagnie", "Académie", "Université", "Società", "Accademia", "Sociedad", "Compañía", "Academia",
] as const;
const ORG_CUE = ORGANISATION_CUES.map((c) => c.replace(/ /g, "\\s+")).join("|");
const CAP = "(?:[\\p{Lu}][\\p{L}'’.-]*)";
const ORG_PATTERNS: RegExp[] = [
  // "Royal Geographical Society", "East India Company", "Historischer Verein": capitalised words then the cue
  new RegExp(`(?:${CAP}\\s+){1,4}(?:${ORG_CUE})(?![\\p{L}])`, "gu"),
  // "Society for the Diffusion of Useful Knowledge", "Committee of the House of Commons"
  new RegExp(`(?<![\\p{L}])(?:${ORG_CUE})\\s+(?:of|for|für|van|voor|de|des|di|för)\\s+(?:the\\s+|der\\s+|het\\s+|la\\s+|le\\s+)?${CAP}`, "gu"),
  // "the Society", "the Board": a cue word, capitalised, after the definite article
  new RegExp(`(?<![\\p{L}])(?:the|The|der|die|das|de|het)\\s+(?:${ORG_CUE})(?![\\p{L}])`, "gu"),
];

const ORG_CUE_WORDS = new Set(ORGANISATION_CUES.flatMap((c) => tokeniseWords(c)));

/**
 * Find organisation mentions: a cue word written with a capital, in an organisation-shaped phrase.
 * `words` (the title's lower-case words, if already computed) lets most titles be ruled out by a
 * Set lookup before the patterns run.
 */
export function findOrganisations(title: string, words: readonly string[] = tokeniseWords(title)): EntityMention[] {
  if (!words.some((w) => ORG_CUE_WORDS.has(w))) return [];
  return findNonOverlapping(title, ORG_PATTERNS, "organisation");
}

const NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|single|several|three-|four-|five-|\\d+";
const LAW_PATTERNS: RegExp[] = [
  // "Act of Parliament", "Act for the better ...", "Act to amend", "Act, 1870", "Acts 1848 to 1875"
  /(?<![\p{L}])Acts?(?:,|\s)\s*(?:of\s+Parliament|for\s+(?:the\s+)?\p{Ll}|to\s+(?:amend|regulate|provide|consolidate|enable|repeal)|relating|respecting|concerning|(?:\(\d+\)\s*)?1[6-9]\d\d)/gu,
  // "the Public Health Act", "Poor Law Amendment Act": capitalised words before "Act", not a play's "in three acts"
  new RegExp(`(?<![\\p{L}])(?!(?:${NUMBER_WORDS})\\s)${CAP}\\s+(?:Amendment\\s+)?Acts?(?![\\p{L}])`, "gu"),
  /(?<![\p{L}])(?:Statutes?|Ordinances?|Poor\s+Laws?|Corn\s+Laws?|Game\s+Laws?|Bills?\s+(?:for|to)\s+\p{Ll}|Gesetz(?:e|es)?|Verordnung(?:en)?|Code\s+(?:civil|pénal|Napoléon|de\s+commerce))(?![\p{L}])/gu,
  /(?<![\p{L}])(?:loi|lois)\s+(?:du|sur|de|des)\s|(?<![\p{L}])(?:lov|lag|wet)\s+(?:om|op|van)\s/giu,
];

const LAW_HINT = /Act|Statut|Ordinance|Law|Bill|Gesetz|Verordnung|Code|loi|lov |lag |wet /iu;

/** Find mentions of a law or statute. */
export function findLaws(title: string): EntityMention[] {
  if (!LAW_HINT.test(title)) return [];
  return findNonOverlapping(title, LAW_PATTERNS, "law").filter((m) => !/^(?:The|A|An|In|One|Two|Three|Four|Five)\s+Acts?$/u.test(m.text));
}

/**
 * Place names from the collection's own `Place of publication` values. Names that are also
 * ordinary English words or personal names ("Reading", "Bath", "Florence") are left out:
 * in a title they are more often not a place.
 */
export interface PlaceGazetteer {
  /** Place names as written in the collection ("New York", "Kingston-upon-Hull"). */
  readonly names: ReadonlySet<string>;
  /** Lower-case word sequence of each name -> the name. */
  readonly byWords: ReadonlyMap<string, string>;
  /** Lower-case first words of the names, to skip most title words at once. */
  readonly firstWords: ReadonlySet<string>;
  readonly maxWords: number;
}

export const AMBIGUOUS_PLACE_NAMES = new Set([
  "Reading", "Bath", "Deal", "Wells", "Ware", "March", "Mold", "Sale", "Hope", "Union", "Victoria", "Washington", "Lincoln", "Wellington",
  "Nelson", "Florence", "Columbia", "Chester", "Jersey", "Derby", "Kent", "Essex", "Paris", "Leipsic", "Rye", "Poole", "Street", "Eton",
  "Liberty", "Concord", "Providence", "Salem", "Troy", "Athens", "Rome", "Sydney", "Newport", "Darlington", "Buxton", "Worth", "Wick",
  "Frome", "Hull", "Cork", "Ayr", "Bury", "Eye", "Looe", "Rochester", "Boston", "Richmond", "Kendal", "Durham", "York", "Berwick",
  "Battle", "Mansfield",
]);

export function buildPlaceGazetteer(placeValues: Iterable<string>, options: { minCount?: number } = {}): PlaceGazetteer {
  const minCount = options.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const raw of placeValues) {
    const name = raw.replace(/[[\]()?]/g, "").replace(/[.,:;]+$/u, "").replace(/\s+/gu, " ").trim();
    // Multi-word names are kept whole ("New York"); names must look like a proper noun.
    if (name.length < 3 || !/^\p{Lu}[\p{L}'’. -]*$/u.test(name) || /\b(?:etc|s\.?\s?l|s\.?\s?n)\b/iu.test(name)) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const names = new Set([...counts].filter(([n, c]) => c >= minCount && !AMBIGUOUS_PLACE_NAMES.has(n)).map(([n]) => n));
  const byWords = new Map<string, string>();
  const firstWords = new Set<string>();
  let maxWords = 0;
  for (const name of names) {
    const words = tokeniseWords(name);
    if (words.length === 0) continue;
    byWords.set(words.join(" "), name);
    firstWords.add(words[0]!);
    maxWords = Math.max(maxWords, words.length);
  }
  return { names, byWords, firstWords, maxWords };
}

/**
 * Distinct gazetteer places named in the title, longest name first at each word. Matching is on
 * lower-case words, then the name must appear in the title as written (capitalised): "bath" and
 * "deal" in running text are not places.
 */
export function findPlaces(title: string, gazetteer: PlaceGazetteer, words: readonly string[] = tokeniseWords(title)): EntityMention[] {
  const seen = new Set<string>();
  const out: EntityMention[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!gazetteer.firstWords.has(words[i]!)) continue;
    for (let len = Math.min(gazetteer.maxWords, words.length - i); len >= 1; len--) {
      const name = gazetteer.byWords.get(len === 1 ? words[i]! : words.slice(i, i + len).join(" "));
      if (name === undefined) continue;
      const at = title.indexOf(name);
      if (at < 0) continue;
      if (!seen.has(name)) {
        seen.add(name);
        out.push({ type: "place", text: name, index: at });
      }
      i += len - 1;
      break;
    }
  }
  return out;
}

function findNonOverlapping(title: string, patterns: readonly RegExp[], type: EntityType): EntityMention[] {
  const taken: Array<[number, number]> = [];
  const out: EntityMention[] = [];
  for (const pattern of patterns) {
    for (const m of title.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      out.push({ type, text: m[0].trim(), index: start });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

