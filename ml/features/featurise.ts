/**
 * Hashed features of a catalogue record: title word 1-2-grams and character 3-5-grams, plus
 * tokens from the catalogue fields that a real record may carry. Each field is its own
 * namespace and is mean-pooled separately by the model, so a missing field simply adds
 * nothing (the model degrades gracefully) and a short field is not drowned by the title.
 *
 * The languages column is deliberately not a feature: most records lack it, and in the
 * labelled sample it mostly encodes "Dutch/Swedish/Danish, hence non-fiction".
 */
import { DROP, foldCode } from "./char-fold";
import { combine, finalise, fnvStep, hashString } from "./hash";

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

const BOW = 1; // "<" word boundary in char n-grams
const EOW = 2; // ">"
const MAX_WORD = 64;
const SHELFMARK_PREFIX = /^\s*(?:British Library\s+HMNTS|Digital\s+Store)\s+/i;

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

function bucketOf(hash: number, mask: number): number {
  return hash & mask;
}

export class Featuriser {
  readonly mask: number;
  private readonly fieldIndex: Int8Array;
  private readonly seeds: number[];
  private readonly word = new Uint16Array(MAX_WORD + 2);

  constructor(readonly config: FeatureConfig) {
    this.mask = (1 << config.bucketBits) - 1;
    this.fieldIndex = new Int8Array(FEATURE_FIELDS.length).fill(-1);
    config.fields.forEach((f, i) => {
      this.fieldIndex[FEATURE_FIELDS.indexOf(f)] = i;
    });
    this.seeds = FEATURE_FIELDS.map((f) => hashString(`field:${f}`));
  }

  /** Calls `emit(fieldIndexInConfig, bucket)` for every feature of the record. */
  visit(input: GenreInput, emit: EmitFeature): void {
    const c = this.config;
    const fi = this.fieldIndex;
    const title = input.title;
    let f = fi[0]!;
    if (f >= 0) this.text(title, c.maxTitleChars, this.seeds[0]!, c.titleWordNgrams, c.charNgramMax > 0, f, emit);
    f = fi[1]!;
    if (f >= 0) this.shape(title, f, emit);
    f = fi[2]!;
    if (f >= 0) {
      const name = input.name ?? input.allNames?.[0] ?? null;
      if (name) this.meta(name, this.seeds[2]!, 1, f, emit);
    }
    f = fi[3]!;
    if (f >= 0 && input.places && input.places.length > 0) this.meta(input.places.join(" ; "), this.seeds[3]!, 1, f, emit);
    f = fi[4]!;
    if (f >= 0 && input.publisher) this.meta(input.publisher, this.seeds[4]!, 2, f, emit);
    f = fi[5]!;
    if (f >= 0) {
      const year = toYear(input);
      if (year !== null) {
        emit(f, bucketOf(hashString(`d:${Math.floor(year / 10)}`, this.seeds[5]), this.mask));
        emit(f, bucketOf(hashString(`q:${Math.floor(year / 25)}`, this.seeds[5]), this.mask));
      }
    }
    f = fi[6]!;
    if (f >= 0 && input.edition) this.meta(input.edition, this.seeds[6]!, 1, f, emit);
    f = fi[7]!;
    if (f >= 0 && input.physicalDescription) {
      const pd = input.physicalDescription;
      this.meta(pd, this.seeds[7]!, 1, f, emit);
      const vols = /(\d+)\s*vol/i.exec(pd);
      emit(f, bucketOf(hashString(`vols:${vols ? Math.min(Number(vols[1]), 4) : 1}`, this.seeds[7]), this.mask));
    }
    f = fi[8]!;
    if (f >= 0 && input.catalogueGenre) this.meta(input.catalogueGenre, this.seeds[8]!, 1, f, emit);
    f = fi[9]!;
    if (f >= 0) {
      const mark = input.shelfmarkClass ?? input.shelfmark;
      if (mark) for (const t of toShelfmarkTokens(mark)) emit(f, bucketOf(hashString(t, this.seeds[9]), this.mask));
    }
  }

  /** Bucket ids of one record, grouped by field (training and tests). */
  toBuckets(input: GenreInput): Int32Array[] {
    const perField: number[][] = this.config.fields.map(() => []);
    this.visit(input, (field, bucket) => perField[field]!.push(bucket));
    return perField.map((b) => Int32Array.from(b));
  }

  /** A metadata field: a presence token plus its words (and word bigrams when asked). */
  private meta(text: string, seed: number, ngrams: 1 | 2, field: number, emit: EmitFeature): void {
    emit(field, bucketOf(hashString("present", seed), this.mask));
    this.text(text, 256, seed, ngrams, false, field, emit);
  }

  private shape(title: string, field: number, emit: EmitFeature): void {
    let words = 0;
    let inWord = false;
    for (let i = 0; i < title.length; i++) {
      const code = foldCode(title.charCodeAt(i));
      if (code === DROP) continue;
      if (code === 0) inWord = false;
      else if (!inWord) {
        inWord = true;
        words++;
      }
    }
    const seed = this.seeds[1]!;
    const w = words <= 3 ? words : words <= 6 ? 6 : words <= 10 ? 10 : words <= 15 ? 15 : words <= 25 ? 25 : words <= 40 ? 40 : 99;
    emit(field, bucketOf(hashString(`w:${w}`, seed), this.mask));
    const chars = title.length;
    const cb = chars <= 20 ? 20 : chars <= 40 ? 40 : chars <= 80 ? 80 : chars <= 160 ? 160 : chars <= 211 ? 211 : 999;
    emit(field, bucketOf(hashString(`c:${cb}`, seed), this.mask));
  }

  /** Words (1- or 2-grams) and, optionally, character n-grams inside word boundaries. */
  private text(text: string, maxChars: number, seed: number, ngrams: 1 | 2, chars: boolean, field: number, emit: EmitFeature): void {
    const word = this.word;
    const mask = this.mask;
    const cMin = this.config.charNgramMin;
    const cMax = this.config.charNgramMax;
    const charSeed = combine(seed, 0x63686172);
    const bigramSeed = combine(seed, 0x62690000);
    let len = 0;
    let prev = -1;
    const end = Math.min(text.length, maxChars);
    for (let i = 0; i <= end; i++) {
      const code = i < end ? foldCode(text.charCodeAt(i)) : 0;
      if (code === DROP) continue;
      if (code !== 0) {
        if (len < MAX_WORD) word[1 + len++] = code;
        continue;
      }
      if (len === 0) continue;
      let h = seed;
      for (let k = 1; k <= len; k++) h = fnvStep(h, word[k]!);
      const wordHash = finalise(h);
      emit(field, wordHash & mask);
      if (ngrams === 2 && prev >= 0) emit(field, combine(bigramSeed ^ prev, wordHash) & mask);
      prev = wordHash;
      if (chars) {
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
      len = 0;
    }
  }
}

