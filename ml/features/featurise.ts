/**
 * Hashed features of a catalogue record: title word 1-2-grams and character 3-5-grams, plus
 * tokens from the catalogue fields that a real record may carry. Each field is its own
 * namespace and is mean-pooled separately by the model, so a missing field simply adds
 * nothing (the model degrades gracefully) and a short field is not drowned by the title.
 *
 * The languages column is deliberately not a feature: most records lack it, and in the
 * labelled sample it mostly encodes "Dutch/Swedish/Danish, hence non-fiction".
 */
import * as charFold from "./char-fold";
import * as hash from "./hash";

// The hot helpers under local names, read once. A prediction worker thread loads these
// modules as CommonJS (see startTsWorker), where each use of an imported name calls a getter:
// that was about 30% of the worker's profile.
const { DROP, foldCode } = charFold;
const { combine, finalise, fnvStep, hashString } = hash;

export const FEATURE_FIELDS = [
  "title",
  "shape",
  "name",
  "place",
  "publisher",
  "date",
  "edition",
  "physical",
  "genre",
  "shelfmark",
] as const;
export type FeatureField = (typeof FEATURE_FIELDS)[number];

export const TITLE_ONLY_FIELDS: readonly FeatureField[] = ["title", "shape"];

export interface FeatureConfig {
  /** Hash space is 2^bucketBits; training keeps only the buckets it saw. */
  bucketBits: number;
  /** Fields used, in model order. */
  fields: FeatureField[];
  titleWordNgrams: 1 | 2;
  charNgramMin: number;
  /** 0 disables character n-grams. */
  charNgramMax: number;
  /** Titles are cut here (the study cut at 512 characters too). */
  maxTitleChars: number;
}

export function buildFeatureConfig(titleOnly: boolean): FeatureConfig {
  return {
    bucketBits: 20,
    fields: titleOnly ? [...TITLE_ONLY_FIELDS] : [...FEATURE_FIELDS],
    titleWordNgrams: 2,
    charNgramMin: 3,
    charNgramMax: 5,
    maxTitleChars: 512,
  };
}

/**
 * What the featuriser reads. `BookRecord` from lib/records satisfies it; the prediction CSV path
 * fills only what the file has.
 */
export interface GenreInput {
  title: string;
  name?: string | null;
  allNames?: readonly string[];
  places?: readonly string[];
  publisher?: string | null;
  dateRaw?: string | null;
  year?: number | null;
  edition?: string | null;
  physicalDescription?: string | null;
  catalogueGenre?: string | null;
  shelfmark?: string | null;
  shelfmarkClass?: string | null;
}

export type EmitFeature = (field: number, bucket: number) => void;

/**
 * Takes a field's words with character n-grams as a whole instead of one emit per feature: the
 * scorer caches each word's scores, since titles repeat their words far more often than not,
 * and with all of a field's words at hand it can start their memory look-ups together.
 */
export interface CharNgramSink {
  /**
   * The field's `count` words, in order (see WordBatch). Each word's features come in this
   * order: the word (bucket `hash & mask`), the bigram ending on it, its character n-grams
   * (`Featuriser.charNgramsOf`). `ns` is the field namespace.
   */
  words(field: number, ns: number, count: number, batch: WordBatch): void;
}

/** A field's words: word w's folded letters are letters[starts[w], starts[w] + lens[w]). */
export interface WordBatch {
  readonly letters: Uint16Array;
  readonly starts: Int32Array;
  /** Word hashes (as int32). */
  readonly hashes: Int32Array;
  readonly lens: Int32Array;
  /** Bucket of the bigram ending on the word, -1 for none. */
  readonly bigrams: Int32Array;
}

const BOW = 1; // "<" word boundary in char n-grams
const EOW = 2; // ">"
const MAX_WORD = 64;
const SHELFMARK_PREFIX = /^\s*(?:British Library\s+HMNTS|Digital\s+Store)\s+/i;
/** Lower-cased source prefixes (single spaces, as catalogued); see SHELFMARK_PREFIX. */
const SOURCE_PREFIXES = ["british library hmnts", "digital store"];

/** Year from the record, or the first plausible year in the raw date string. */
export function toYear(input: Pick<GenreInput, "year" | "dateRaw">): number | null {
  if (typeof input.year === "number" && Number.isFinite(input.year)) return input.year;
  const match = input.dateRaw ? /1[4-9]\d\d/.exec(input.dateRaw) : null;
  return match ? Number(match[0]) : null;
}

/**
 * Shelfmark tokens: the class number with its digit count at every prefix length (the BL
 * scheme is hierarchical: 126xx novels, 116xx poetry, 10xxx biography/topography...), the
 * leading zero and the size letters. The source prefix ("Digital Store", "British Library
 * HMNTS") is removed: it says where the record came from, not what the book is.
 */
export function toShelfmarkTokens(raw: string): string[] {
  const tokens: string[] = [];
  for (const part of raw.split(";")) {
    const mark = part.replace(SHELFMARK_PREFIX, "").trim();
    if (!mark) continue;
    const numeric = /^(0?)(\d+)\.?\s*([A-Za-z]*)/.exec(mark);
    if (numeric) {
      const [, zero = "", digits = "", letters = ""] = numeric;
      for (let len = 1; len <= digits.length; len++) tokens.push(`n${digits.length}:${digits.slice(0, len)}`);
      tokens.push(`z:${zero}`);
      if (letters) tokens.push(`s:${letters.toLowerCase()}`);
    } else {
      const alpha = /^([A-Za-z]+)/.exec(mark);
      tokens.push(`a:${alpha ? alpha[1]!.toUpperCase() : "?"}`);
    }
  }
  return tokens;
}

/** Namespaces (FEATURE_FIELDS indexes) of the text fields a UnitRecord holds. */
const TITLE = 0;
const NAME = 2;
const PLACE = 3;
const PUBLISHER = 4;
const EDITION = 6;
const PHYSICAL = 7;
const GENRE = 8;
const SHELFMARK = 9;

/**
 * A record's text fields as UTF-16 code units, which the featuriser reads: the CSV prediction
 * path decodes them straight from the file's bytes (no string per cell), and `visit` copies a
 * GenreInput's strings into one. Field `ns` (a FEATURE_FIELDS index) is units[starts[ns],
 * ends[ns]) when `present[ns]` is 1; `year` stands for the date field.
 */
export class UnitRecord {
  units = new Uint16Array(1 << 12);
  used = 0;
  readonly starts = new Int32Array(FEATURE_FIELDS.length);
  readonly ends = new Int32Array(FEATURE_FIELDS.length);
  readonly present = new Uint8Array(FEATURE_FIELDS.length);
  year: number | null = null;

  clear(): void {
    this.used = 0;
    this.present.fill(0);
    this.year = null;
  }

  /** Room for `n` more units (the buffer grows; fields already set keep their offsets). */
  reserve(n: number): Uint16Array {
    if (this.used + n > this.units.length) {
      const bigger = new Uint16Array(Math.max(this.units.length * 2, this.used + n));
      bigger.set(this.units.subarray(0, this.used));
      this.units = bigger;
    }
    return this.units;
  }

  setString(ns: number, text: string): void {
    const units = this.reserve(text.length);
    const start = this.used;
    for (let i = 0; i < text.length; i++) units[start + i] = text.charCodeAt(i);
    this.used += text.length;
    this.setRange(ns, start, this.used);
  }

  setRange(ns: number, start: number, end: number): void {
    this.starts[ns] = start;
    this.ends[ns] = end;
    this.present[ns] = 1;
  }

  /** Field `ns` as a string (for the rare fields read with regular expressions). */
  text(ns: number): string {
    return unitsToString(this.units, this.starts[ns]!, this.ends[ns]!);
  }
}

export function unitsToString(units: Uint16Array, start: number, end: number): string {
  let out = "";
  for (let at = start; at < end; at += 4096) out += String.fromCharCode.apply(null, units.subarray(at, Math.min(end, at + 4096)) as unknown as number[]);
  return out;
}

/**
 * `text.slice(at, at + prefix.length).toLowerCase() === prefix` over code units, for a
 * lower-case ASCII `prefix`, without the two strings when the slice is ASCII (other characters
 * take the string path, since a few of them lower-case to ASCII letters or to two characters).
 */
function unitsStartWithLowerCased(units: Uint16Array, at: number, end: number, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++) {
    const c = units[at + k]!;
    if (c >= 128) return unitsToString(units, at, Math.min(end, at + prefix.length)).toLowerCase() === prefix;
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

function bucketOf(hash: number, mask: number): number {
  return hash & mask;
}

export class Featuriser {
  readonly mask: number;
  private readonly fieldIndex: Int8Array;
  private readonly seeds: number[];
  private readonly presentBucket: number[];
  private readonly charSeeds: number[];
  private readonly bigramSeeds: number[];
  /** Bucket of each shape token: word-count bins by their value, character-length bins by -1 - value. */
  private readonly shapeBuckets = new Map<number, number>();
  /** The same for the bins in use (word counts up to 127 at n, character lengths up to 999 at 128 + n), without a map look-up. */
  private readonly shapeSlots = new Int32Array(128 + 1000).fill(-1);
  private readonly word = new Uint16Array(MAX_WORD + 2);
  /** The title's words, for a CharNgramSink (a word has at least one letter and a separator). */
  private readonly batch: WordBatch;
  /** `visit` copies a GenreInput's strings here. */
  private readonly record = new UnitRecord();

  constructor(readonly config: FeatureConfig) {
    this.mask = (1 << config.bucketBits) - 1;
    this.fieldIndex = new Int8Array(FEATURE_FIELDS.length).fill(-1);
    config.fields.forEach((f, i) => {
      this.fieldIndex[FEATURE_FIELDS.indexOf(f)] = i;
    });
    this.seeds = FEATURE_FIELDS.map((f) => hashString(`field:${f}`));
    this.presentBucket = this.seeds.map((seed) => bucketOf(hashString("present", seed), this.mask));
    this.charSeeds = this.seeds.map((seed) => combine(seed, 0x63686172));
    this.bigramSeeds = this.seeds.map((seed) => combine(seed, 0x62690000));
    const maxWords = (config.maxTitleChars >>> 1) + 1;
    this.batch = { letters: new Uint16Array(config.maxTitleChars), starts: new Int32Array(maxWords), hashes: new Int32Array(maxWords), lens: new Int32Array(maxWords), bigrams: new Int32Array(maxWords) };
  }

  /**
   * Bucket of the token `${prefix}${n}` hashed with the field's seed: the same value as
   * hashString(token, seed), computed without building the string (hot path).
   */
  private numberToken(field: number, prefix: string, n: number): number {
    let h = this.seeds[field]!;
    for (let i = 0; i < prefix.length; i++) h = fnvStep(h, prefix.charCodeAt(i));
    if (Number.isInteger(n) && n >= 0 && n < 1e9) {
      // The digits String(n) writes, without the string: every record has two such tokens.
      let unit = 1;
      while (unit * 10 <= n) unit *= 10;
      for (; unit >= 1; unit /= 10) h = fnvStep(h, 48 + (Math.floor(n / unit) % 10));
    } else {
      const digits = String(n);
      for (let i = 0; i < digits.length; i++) h = fnvStep(h, digits.charCodeAt(i));
    }
    return finalise(h) & this.mask;
  }

  /** Bucket of the token `${kind}:${n}`; cached by number because every record has two. */
  private shapeToken(kind: "w" | "c", n: number): number {
    const key = kind === "w" ? n : -1 - n;
    const slot = kind === "w" ? n : 128 + n;
    const known = slot < this.shapeSlots.length ? this.shapeSlots[slot]! : -1;
    if (known >= 0) return known;
    let b = this.shapeBuckets.get(key);
    if (b === undefined) {
      b = bucketOf(hashString(`${kind}:${n}`, this.seeds[1]), this.mask);
      this.shapeBuckets.set(key, b);
      if (slot < this.shapeSlots.length) this.shapeSlots[slot] = b;
    }
    return b;
  }

  /**
   * Shelfmark features exactly as hashString(token) of toShelfmarkTokens, without building
   * the token strings: prediction meets a different shelfmark in almost every record.
   */
  private shelfmark(raw: Uint16Array, from: number, to: number, field: number, emit: EmitFeature): void {
    const seed = this.seeds[9]!;
    const mask = this.mask;
    let start = from;
    while (start <= to) {
      let end = start;
      while (end < to && raw[end] !== 59) end++; // ";"
      let i = start;
      while (i < end && raw[i]! <= 32) i++;
      // Source prefixes say where the record came from, not what the book is.
      for (const prefix of SOURCE_PREFIXES) {
        if (to - i >= prefix.length && unitsStartWithLowerCased(raw, i, to, prefix)) {
          i += prefix.length;
          while (i < end && raw[i]! <= 32) i++;
          break;
        }
      }
      let stop = end;
      while (stop > i && raw[stop - 1]! <= 32) stop--;
      if (stop > i) {
        let p = i;
        let zero = false;
        const first = raw[p]!;
        const second = raw[p + 1]!;
        if (first === 48 && p + 1 < stop && second >= 48 && second <= 57) {
          zero = true;
          p++;
        }
        let d = p;
        while (d < stop && raw[d]! >= 48 && raw[d]! <= 57) d++;
        const digits = d - p;
        if (digits > 0) {
          let h = fnvStep(seed, 110); // "n"
          const count = String(digits);
          for (let k = 0; k < count.length; k++) h = fnvStep(h, count.charCodeAt(k));
          h = fnvStep(h, 58); // ":"
          for (let k = p; k < d; k++) {
            h = fnvStep(h, raw[k]!);
            emit(field, finalise(h) & mask);
          }
          let z = fnvStep(fnvStep(seed, 122), 58); // "z:"
          if (zero) z = fnvStep(z, 48);
          emit(field, finalise(z) & mask);
          let q = d;
          if (q < stop && raw[q]! === 46) q++; // "."
          while (q < stop && (raw[q]! === 32 || raw[q]! === 9)) q++;
          let l = q;
          let sh = fnvStep(fnvStep(seed, 115), 58); // "s:"
          while (l < stop) {
            const c = raw[l]!;
            const lower = c >= 65 && c <= 90 ? c + 32 : c;
            if (lower < 97 || lower > 122) break;
            sh = fnvStep(sh, lower);
            l++;
          }
          if (l > q) emit(field, finalise(sh) & mask);
        } else {
          let a = fnvStep(fnvStep(seed, 97), 58); // "a:"
          let l = i;
          while (l < stop) {
            const c = raw[l]!;
            const upper = c >= 97 && c <= 122 ? c - 32 : c;
            if (upper < 65 || upper > 90) break;
            a = fnvStep(a, upper);
            l++;
          }
          if (l === i) a = fnvStep(a, 63); // "?"
          emit(field, finalise(a) & mask);
        }
      }
      start = end + 1;
    }
  }

  /** Calls `emit(fieldIndexInConfig, bucket)` for every feature of the record. */
  visit(input: GenreInput, emit: EmitFeature, charSink?: CharNgramSink): void {
    const r = this.record;
    r.clear();
    r.setString(TITLE, input.title);
    const name = input.name ?? input.allNames?.[0] ?? null;
    if (name) r.setString(NAME, name);
    // A place list is present even when its text is empty (its presence token is emitted).
    if (input.places && input.places.length > 0) r.setString(PLACE, input.places.length === 1 ? input.places[0]! : input.places.join(" ; "));
    if (input.publisher) r.setString(PUBLISHER, input.publisher);
    r.year = toYear(input);
    if (input.edition) r.setString(EDITION, input.edition);
    if (input.physicalDescription) r.setString(PHYSICAL, input.physicalDescription);
    if (input.catalogueGenre) r.setString(GENRE, input.catalogueGenre);
    const mark = input.shelfmarkClass ?? input.shelfmark;
    if (mark) r.setString(SHELFMARK, mark);
    this.visitUnits(r, emit, charSink);
  }

  /** The same as `visit`, for a record already in code units (the title is always read, as "" when absent). */
  visitUnits(r: UnitRecord, emit: EmitFeature, charSink?: CharNgramSink): void {
    const c = this.config;
    const fi = this.fieldIndex;
    const units = r.units;
    const starts = r.starts;
    const ends = r.ends;
    const present = r.present;
    const titleStart = present[TITLE] ? starts[TITLE]! : 0;
    const titleEnd = present[TITLE] ? ends[TITLE]! : 0;
    let f = fi[0]!;
    // The title's word count, when the whole title was tokenised (shape needs it: no second pass).
    let titleWords = -1;
    if (f >= 0) {
      const words = this.text(units, titleStart, titleEnd, c.maxTitleChars, TITLE, c.titleWordNgrams, c.charNgramMax > 0, f, emit, charSink);
      if (titleEnd - titleStart <= c.maxTitleChars) titleWords = words;
    }
    f = fi[1]!;
    if (f >= 0) this.shape(units, titleStart, titleEnd, f, emit, titleWords);
    f = fi[2]!;
    if (f >= 0 && present[NAME]) this.meta(units, starts[NAME]!, ends[NAME]!, NAME, 1, f, emit);
    f = fi[3]!;
    if (f >= 0 && present[PLACE]) this.meta(units, starts[PLACE]!, ends[PLACE]!, PLACE, 1, f, emit);
    f = fi[4]!;
    if (f >= 0 && present[PUBLISHER]) this.meta(units, starts[PUBLISHER]!, ends[PUBLISHER]!, PUBLISHER, 2, f, emit);
    f = fi[5]!;
    if (f >= 0) {
      const year = r.year;
      if (year !== null) {
        emit(f, this.numberToken(5, "d:", Math.floor(year / 10)));
        emit(f, this.numberToken(5, "q:", Math.floor(year / 25)));
      }
    }
    f = fi[6]!;
    if (f >= 0 && present[EDITION]) this.meta(units, starts[EDITION]!, ends[EDITION]!, EDITION, 1, f, emit);
    f = fi[7]!;
    if (f >= 0 && present[PHYSICAL]) {
      this.meta(units, starts[PHYSICAL]!, ends[PHYSICAL]!, PHYSICAL, 1, f, emit);
      const vols = /(\d+)\s*vol/i.exec(r.text(PHYSICAL));
      emit(f, this.numberToken(7, "vols:", vols ? Math.min(Number(vols[1]), 4) : 1));
    }
    f = fi[8]!;
    if (f >= 0 && present[GENRE]) this.meta(units, starts[GENRE]!, ends[GENRE]!, GENRE, 1, f, emit);
    f = fi[9]!;
    if (f >= 0 && present[SHELFMARK]) this.shelfmark(units, starts[SHELFMARK]!, ends[SHELFMARK]!, f, emit);
  }

  /** Bucket ids of one record, grouped by field (training and tests). */
  toBuckets(input: GenreInput): Int32Array[] {
    const perField: number[][] = this.config.fields.map(() => []);
    this.visit(input, (field, bucket) => perField[field]!.push(bucket));
    return perField.map((b) => Int32Array.from(b));
  }

  /** A metadata field: a presence token plus its words (and word bigrams when asked). */
  private meta(units: Uint16Array, start: number, end: number, ns: number, ngrams: 1 | 2, field: number, emit: EmitFeature): void {
    emit(field, this.presentBucket[ns]!);
    this.text(units, start, end, 256, ns, ngrams, false, field, emit);
  }

  /** Shape of the title units[start, end); `knownWords` is its word count when already known, else -1. */
  private shape(units: Uint16Array, start: number, end: number, field: number, emit: EmitFeature, knownWords: number): void {
    let words = knownWords < 0 ? 0 : knownWords;
    let inWord = false;
    for (let i = start; knownWords < 0 && i < end; i++) {
      const code = foldCode(units[i]!);
      if (code === DROP) continue;
      if (code === 0) inWord = false;
      else if (!inWord) {
        inWord = true;
        words++;
      }
    }
    const w = words <= 3 ? words : words <= 6 ? 6 : words <= 10 ? 10 : words <= 15 ? 15 : words <= 25 ? 25 : words <= 40 ? 40 : 99;
    emit(field, this.shapeToken("w", w));
    const chars = end - start;
    const cb = chars <= 20 ? 20 : chars <= 40 ? 40 : chars <= 80 ? 80 : chars <= 160 ? 160 : chars <= 211 ? 211 : 999;
    emit(field, this.shapeToken("c", cb));
  }

  /** Words (1- or 2-grams) and, optionally, character n-grams inside word boundaries. */
  /** `ns` is the field namespace (index in FEATURE_FIELDS), `field` the index in the model. Returns the number of words. */
  private text(units: Uint16Array, start: number, stop: number, maxChars: number, ns: number, ngrams: 1 | 2, chars: boolean, field: number, emit: EmitFeature, charSink?: CharNgramSink): number {
    const word = this.word;
    const mask = this.mask;
    const seed = this.seeds[ns]!;
    const bigramSeed = this.bigramSeeds[ns]!;
    // Words with character n-grams go to the sink all at once, at the end (letters kept in the batch).
    const sink = chars ? (charSink ?? null) : null;
    const batch = this.batch;
    const letters = batch.letters;
    let at = 0;
    let len = 0;
    let prev = -1;
    let words = 0;
    // The word's hash is built as its letters arrive (the same FNV steps over the same letters).
    let h = seed;
    const end = Math.min(stop, start + maxChars);
    for (let i = start; i <= end; i++) {
      const code = i < end ? foldCode(units[i]!) : 0;
      if (code === DROP) continue;
      if (code !== 0) {
        if (len < MAX_WORD) {
          if (sink) letters[at + len] = code;
          else word[1 + len] = code;
          len++;
          h = fnvStep(h, code);
        }
        continue;
      }
      if (len === 0) continue;
      const wordHash = finalise(h);
      h = seed;
      const bigram = ngrams === 2 && prev >= 0 ? combine(bigramSeed ^ prev, wordHash) & mask : -1;
      prev = wordHash;
      if (sink) {
        batch.starts[words] = at;
        batch.lens[words] = len;
        batch.hashes[words] = wordHash | 0;
        batch.bigrams[words] = bigram;
        at += len;
      } else {
        emit(field, wordHash & mask);
        if (bigram >= 0) emit(field, bigram);
        if (chars) this.charNgrams(ns, len, field, emit);
      }
      words++;
      len = 0;
    }
    if (sink && words > 0) sink.words(field, ns, words, batch);
    return words;
  }

  /** Character n-grams of the word letters[start, start + len) (see charNgrams). */
  charNgramsOf(ns: number, letters: Uint16Array, start: number, len: number, field: number, emit: EmitFeature): void {
    this.word.set(letters.subarray(start, start + len), 1);
    this.charNgrams(ns, len, field, emit);
  }

  /** Character n-grams, inside word boundaries, of the word held in the word buffer at 1..len. */
  charNgrams(ns: number, len: number, field: number, emit: EmitFeature): void {
    const word = this.word;
    const mask = this.mask;
    const cMin = this.config.charNgramMin;
    const cMax = this.config.charNgramMax;
    const charSeed = this.charSeeds[ns]!;
    word[0] = BOW;
    word[len + 1] = EOW;
    const padded = len + 2;
    for (let s = 0; s + cMin <= padded; s++) {
      let g = charSeed;
      const stop = Math.min(padded, s + cMax);
      for (let k = s; k < stop; k++) {
        g = fnvStep(g, word[k]!);
        if (k - s + 1 >= cMin) emit(field, finalise(g) & mask);
      }
    }
  }
}

