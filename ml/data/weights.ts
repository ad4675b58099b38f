/**
 * Example weights that stop the model from learning "not English means non-fiction".
 *
 * The labelled sample over-represents Dutch, Swedish and Danish books (almost all
 * non-fiction). Each book gets weight = (share of its language in the collection) /
 * (share in the labelled sample), clipped (so no handful of books dominates) and scaled to
 * mean 1, so over-represented languages count about as much as they would in a random sample
 * of the collection.
 */
export interface LanguageWeighting {
  /** Collection share per language (English names, as in the catalogue). */
  collectionShare: Record<string, number>;
  minWeight: number;
  maxWeight: number;
}

/**
 * Language shares of the digitised collection, measured with fastText on the full OCR text
 * of 12,064 books of the 1890s (`ocr-language-1890s.csv`): the only language data covering
 * unlabelled books. Languages not listed share the remainder.
 */
export const COLLECTION_LANGUAGE_SHARE: Record<string, number> = {
  English: 0.798,
  French: 0.075,
  German: 0.055,
  Spanish: 0.015,
  Italian: 0.013,
  Dutch: 0.008,
  Russian: 0.007,
  Swedish: 0.006,
  Hungarian: 0.006,
  Danish: 0.006,
};

export const DEFAULT_LANGUAGE_WEIGHTING: LanguageWeighting = {
  collectionShare: COLLECTION_LANGUAGE_SHARE,
  minWeight: 0.15,
  maxWeight: 3,
};

export function toLanguageWeights(languages: readonly string[], weighting: LanguageWeighting): number[] {
  const counts = new Map<string, number>();
  for (const l of languages) counts.set(l, (counts.get(l) ?? 0) + 1);
  const listed = Object.values(weighting.collectionShare).reduce((a, b) => a + b, 0);
  const unlisted = [...counts.keys()].filter((l) => !(l in weighting.collectionShare));
  const otherShare = unlisted.length > 0 ? Math.max(0, 1 - listed) / unlisted.length : 0;
  const n = languages.length;
  const raw = languages.map((l) => {
    const target = weighting.collectionShare[l] ?? otherShare;
    const sampleShare = counts.get(l)! / n;
    return Math.min(weighting.maxWeight, Math.max(weighting.minWeight, target / sampleShare));
  });
  const mean = raw.reduce((a, b) => a + b, 0) / n;
  return raw.map((w) => w / mean);
}
