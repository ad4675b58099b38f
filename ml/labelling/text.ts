import { foldText } from "@/ml/features/char-fold";

/**
 * Title text helpers shared by the labelling functions. Titles are tokenised once per record
 * (memoised by record object, so the functions stay pure): a Set lookup per word is an order of
 * magnitude faster than Unicode regexes with look-behinds over every title.
 */

interface TitleTokens {
  /** Lower-case, accent-folded words (letters and digits). */
  words: string[];
  /** The words joined with single spaces and padded: " a story of ... " for phrase lookups. */
  joined: string;
}

const cache = new WeakMap<object, TitleTokens>();
const cacheByString = new Map<string, TitleTokens>();

/**
 * Lower-case, accent-folded words, with the classifier's own folding table (ml/features): fast,
 * and word lists folded the same way match "poésies" and "poesies" alike.
 */
export function tokeniseWords(text: string): string[] {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ");
}

/** Words of a record's title, computed once per record object. */
export function getTitleTokens(record: { title: string }): TitleTokens {
  let tokens = cache.get(record);
  if (!tokens) {
    const words = tokeniseWords(record.title);
    tokens = { words, joined: ` ${words.join(" ")} ` };
    cache.set(record, tokens);
  }
  return tokens;
}

function getStringTokens(text: string): TitleTokens {
  let tokens = cacheByString.get(text);
  if (!tokens) {
    const words = tokeniseWords(text);
    tokens = { words, joined: ` ${words.join(" ")} ` };
    if (cacheByString.size > 10_000) cacheByString.clear();
    cacheByString.set(text, tokens);
  }
  return tokens;
}

export interface WordMatcher {
  /** True when the text holds one of the words or phrases as whole words, ignoring case and punctuation. */
  test(text: string): boolean;
  testRecord(record: { title: string }): boolean;
}

/**
 * A matcher for whole words and phrases, case-insensitive, with word edges at any non-letter:
 * "roman" does not fire inside "romantic", "tale" not inside "Natale", "digte" works next to
 * "æ" and "ø", and "guide-book" matches "guide book" and "Guide-Book".
 */
export function buildWordMatcher(words: readonly string[]): WordMatcher {
  if (words.length === 0) throw new Error("buildWordMatcher needs at least one word");
  const single = new Set<string>();
  const phrases: string[] = [];
  for (const w of words) {
    const t = tokeniseWords(w);
    if (t.length === 0) throw new Error(`buildWordMatcher: "${w}" has no letters`);
    if (t.length === 1) single.add(t[0]!);
    else phrases.push(` ${t.join(" ")} `);
  }
  const match = (tokens: TitleTokens) => tokens.words.some((w) => single.has(w)) || phrases.some((p) => tokens.joined.includes(p));
  return { test: (text) => match(getStringTokens(text)), testRecord: (record) => match(getTitleTokens(record)) };
}
