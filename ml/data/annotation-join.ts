/**
 * Does a book's annotation describe the catalogue record it was joined to?
 *
 * The labels file joins each Zooniverse annotation (made by staff looking at a title page) to
 * a catalogue record. For about half the books the annotators' own place of publication
 * contradicts the record's (a Swedish book "Stockholm 1851" annotated "Paris 1828"): the
 * annotation, and so its label, came from another book. Measured with the cross-validated model
 * of 2026-11-25 on all 1,744 books (`npm run train`'s out-of-fold predictions):
 *
 * | annotation vs record            | Fiction labels | model agrees | Non-fiction labels | model agrees |
 * |---------------------------------|----------------|--------------|--------------------|--------------|
 * | place consistent or unknown     | 321            | 99%          | 518                | 99%          |
 * | place contradicts, publisher not matching | 118  | 8%           | 787                | 99%          |
 *
 * A label from another book is Non-fiction three times in four, like most titles, so such
 * Non-fiction labels are nearly always right for the record too; such Fiction labels nearly
 * never are (German travel books, Dutch histories labelled Fiction).
 *
 * The annotator columns are read here only to decide which labels to trust for training,
 * calibration and thresholds; they are never features, and prediction never sees them.
 */
import type { BookRecord } from "@/lib/records/types";
import { foldText } from "@/ml/features/char-fold";

export const ANNOTATOR_PLACE_COLUMN = "annotator_place_pub";
export const ANNOTATOR_PUBLISHER_COLUMN = "annotator_publisher";

/** Places catalogued under two names in this data; both sides map to the first. */
const PLACE_ALIASES: ReadonlyArray<readonly string[]> = [
  ["london", "westminster"],
  ["wien", "vienna"],
  ["munchen", "munich"],
  ["koln", "cologne"],
  ["gravenhage", "hague", "haag"],
  ["kobenhavn", "kjobenhavn", "københavn", "kjøbenhavn", "copenhagen"],
  ["praha", "prag", "prague"],
  ["firenze", "florence"],
  ["venezia", "venice", "venedig"],
  ["napoli", "naples"],
  ["roma", "rome", "rom"],
  ["bruxelles", "brussel", "brussels"],
  ["geneve", "geneva", "genf"],
  ["lisboa", "lisbon"],
  ["warszawa", "warsaw", "warschau"],
  ["goteborg", "gothenburg"],
  ["leiden", "leyden"],
  ["moskva", "moscow", "moskau"],
];
const CANONICAL = new Map(PLACE_ALIASES.flatMap((names) => names.map((n) => [foldText(n).slice(0, 4), names[0]!.slice(0, 4)] as const)));

/** First four letters of each word: "London]" and "Londini" match "London"; cities stay apart. */
function tokens(text: string | null | undefined, canonical = false): Set<string> {
  const out = new Set<string>();
  for (const word of foldText(text ?? "").split(/[^\p{L}]+/u)) {
    if (word.length < 3 || word === "none" || word === "and" || word === "the" || word === "co") continue;
    const t = word.slice(0, 4);
    out.add(canonical ? (CANONICAL.get(t) ?? t) : t);
  }
  return out;
}

const shares = (a: Set<string>, b: Set<string>) => [...a].some((t) => b.has(t));

export interface JoinCheck {
  /** The annotation seems to describe another book. */
  mismatch: boolean;
  /** Why, for reports. Null when consistent or unknown. */
  reason: string | null;
}

/**
 * Another book when the places contradict (both given, no word in common) and the publishers
 * do not match (a shared publisher word overrides: "Westminster, Archibald Constable" for a
 * London Constable book). Dates are not used: reprints and "MDCCCLIII" make them differ for
 * the same book. Unknown (a place missing on either side) counts as consistent.
 */
export function checkAnnotationJoin(record: BookRecord): JoinCheck {
  const annotatedPlace = tokens(record.fields[ANNOTATOR_PLACE_COLUMN], true);
  const recordPlace = tokens(record.places.join(" "), true);
  if (annotatedPlace.size === 0 || recordPlace.size === 0 || shares(annotatedPlace, recordPlace)) return { mismatch: false, reason: null };
  if (shares(tokens(record.fields[ANNOTATOR_PUBLISHER_COLUMN]), tokens(record.publisher))) return { mismatch: false, reason: null };
  return {
    mismatch: true,
    reason: `annotated place "${record.fields[ANNOTATOR_PLACE_COLUMN]!.trim()}", record's "${record.places.join("; ")}"`,
  };
}
