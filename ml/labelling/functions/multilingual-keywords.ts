import { buildWordMatcher } from "../text";
import { defineLf, type LabellingFunction } from "../types";

/**
 * Keyword functions beyond the study. Word lists were drafted from the forms of creative and
 * descriptive writing in each language and kept or dropped by their counts on the labelled
 * training books (never the validation books). Dropped after checking: "story" (often "the
 * story of" a place), "adventures", "legends", "fortælling" (Danish histories), "verhaal"
 * (Dutch "account"), "life", "illustrated".
 */
const FICTION_FORMS_EN = buildWordMatcher([
  "romance", "romances", "stories", "a story", "verses", "in verse", "ballad", "ballads", "sonnets", "rhymes", "lyrics", "idyll",
  "idylls", "idyls", "lays", "canto", "cantos", "poetry", "poetical", "drama", "dramas", "comedy", "comedietta", "tragedy",
  "farce", "burlesque", "melodrama", "pantomime", "extravaganza", "a play", "fairy tales", "fairy stories",
]);

/** Forms of creative writing in the collection's other languages. */
const FICTION_FORMS_OTHER = buildWordMatcher([
  // French
  "nouvelles", "contes", "conte", "poésies", "poèmes", "comédie", "drame", "tragédie", "vaudeville", "roman historique",
  // German
  "Erzählung", "Erzählungen", "Novelle", "Novellen", "Gedichte", "Lustspiel", "Trauerspiel", "Schauspiel", "Märchen", "Dichtungen",
  "Ein Roman", "Historischer Roman",
  // Dutch
  "gedichten", "blijspel", "treurspel", "tooneelspel", "dichtstukken", "novellen",
  // Danish, Norwegian, Swedish
  "digte", "digt", "noveller", "skuespil", "lystspil", "dikter", "skådespel", "lustspel", "sorgespil", "sorgespel",
  // Italian, Spanish, Portuguese
  "romanzo", "racconto", "racconti", "poesie", "commedia", "dramma", "tragedia", "versi", "novela", "cuento", "cuentos", "poesías",
  "comedia", "versos", "zarzuela", "poesias", "contos",
  // Russian, Polish, Czech, Hungarian, Latin
  "роман", "повесть", "рассказ", "рассказы", "стихотворения", "комедия", "драма", "powieść", "wiersze", "básně", "regény", "versei",
  "carmina", "poemata",
]);

/**
 * "roman" is a novel in French, German, Dutch and the Scandinavian languages, but "Roman" in
 * English titles is about Rome. It counts when written in lower case, or as a German title's
 * last word ("... Roman.").
 */
const ROMAN_LOWER = /(?<![\p{L}])roman(?![\p{L}])/u;
const ROMAN_FINAL = /(?<![\p{L}])Roman\s*[.)\]]?\s*$|(?<![\p{L}])Roman\s+(?:in|aus|von|i|från|fra)\s/u;

export const fictionFormsEnglish: LabellingFunction = defineLf(
  "fiction_forms_en",
  "English names of creative forms in the title (romance, stories, verses, ballads, drama, comedy, farce, ...) → Fiction",
  (r) => (FICTION_FORMS_EN.testRecord(r) ? "Fiction" : null),
);

export const fictionFormsOtherLanguages: LabellingFunction = defineLf(
  "fiction_forms_multilingual",
  "creative forms in other languages (roman, Erzählung, Gedichte, novelle, digte, dikter, poésies, comédie, drame, romanzo, novela, ...) → Fiction",
  (r) => (FICTION_FORMS_OTHER.testRecord(r) || (r.title.includes("oman") && (ROMAN_LOWER.test(r.title) || ROMAN_FINAL.test(r.title))) ? "Fiction" : null),
);

const HISTORY_EN = buildWordMatcher(["history", "histories"]);
/** Singular "Geschichte", not "Geschichten" (stories). */
const HISTORY_OTHER = buildWordMatcher([
  "Geschichte", "geschiedenis", "historia", "histoire", "storia", "historie", "istoria", "historiske", "historisk", "historische",
  "historischen", "historique", "historiques", "historisch", "Chronik", "kroniek", "krønike", "annalen",
]);
const TRAVEL = buildWordMatcher([
  "travels", "travel", "journey", "journeys", "voyage", "voyages", "tour", "tours", "Reise", "Reisen", "resa", "resor", "rejse",
  "rejser", "reis", "reize", "reizen", "viaggio", "viaggi", "viaje", "viajes", "excursion", "excursions", "expedition", "explorations",
]);
const PLACE_DESCRIPTION = buildWordMatcher([
  "description", "descriptive", "Beschreibung", "beschrijving", "beskrivelse", "beskrifning", "beskrivning", "descrizione", "descripción",
  "topography", "topographical", "topographie", "antiquities", "gazetteer", "survey", "statistics", "statistical", "Statistik",
  "guide", "guides", "handbook", "Handbuch", "guide-book", "itinerary", "parish", "county", "cathedral", "abbey", "priory",
  "geography", "geology", "geological", "botany", "flora", "fauna", "natural history", "past and present", "map", "maps", "plans",
]);
const REFERENCE_WORKS = buildWordMatcher([
  "grammar", "dictionary", "lexicon", "vocabulary", "catalogue", "catalog", "report", "reports", "proceedings", "transactions",
  "sermon", "sermons", "treatise", "essay", "essays", "lecture", "lectures", "inquiry", "observations", "remarks", "considerations",
  "Wörterbuch", "woordenboek", "ordbog", "ordbok", "Grammatik", "spraakkunst", "Bericht", "verslag", "Jahrbuch", "Lehrbuch", "Leitfaden",
]);
const ACCOUNTS = buildWordMatcher([
  "account", "accounts", "narrative", "letters", "memoir", "memoirs", "biography", "sketch", "sketches", "notes", "notices",
  "glimpses", "recollections", "reminiscences", "journal", "diary", "Erinnerungen", "herinneringen", "Briefe", "brieven",
]);

export const historyEnglish: LabellingFunction = defineLf("history_en", '"history/histories" in the title → Non-fiction', (r) =>
  HISTORY_EN.testRecord(r) ? "Non-fiction" : null,
);
export const historyOtherLanguages: LabellingFunction = defineLf(
  "history_multilingual",
  "history and chronicle in other languages (Geschichte, geschiedenis, historia, histoire, storia, historisk, Chronik, ...) → Non-fiction",
  (r) => (HISTORY_OTHER.testRecord(r) ? "Non-fiction" : null),
);
export const travel: LabellingFunction = defineLf(
  "travel",
  "travel words in any of the collection's languages (travels, journey, voyage, tour, Reise, resa, rejse, reis, viaggio, viaje) → Non-fiction",
  (r) => (TRAVEL.testRecord(r) ? "Non-fiction" : null),
);
export const placeDescription: LabellingFunction = defineLf(
  "place_description",
  "topography and natural history (description, Beschreibung, guide, gazetteer, parish, county, geology, flora, maps) → Non-fiction",
  (r) => (PLACE_DESCRIPTION.testRecord(r) ? "Non-fiction" : null),
);
export const referenceWorks: LabellingFunction = defineLf(
  "reference_works",
  "reference and discursive forms (grammar, dictionary, catalogue, report, sermon, treatise, essays, lectures, Wörterbuch, verslag) → Non-fiction",
  (r) => (REFERENCE_WORKS.testRecord(r) ? "Non-fiction" : null),
);
export const accountsAndLetters: LabellingFunction = defineLf(
  "accounts_letters",
  "first-hand accounts (account, narrative, letters, memoirs, sketches, notes, journal, reminiscences, Erinnerungen) → Non-fiction",
  (r) => (ACCOUNTS.testRecord(r) ? "Non-fiction" : null),
);
