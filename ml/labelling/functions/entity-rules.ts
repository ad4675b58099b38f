import { getTitleTokens } from "../text";
import { defineLf, type LabellingFunction } from "../types";
import { findDates, findLaws, findOrganisations, findPlaces, type PlaceGazetteer } from "./entities";

/**
 * The study's entity functions, with each count restricted to its own entity type. Lengths and
 * counts were chosen on the labelled training books only (see the LF report for their figures).
 */
export const ENTITY_RULES = {
  organisations: { minChars: 60, minCount: 2 },
  places: { minChars: 60, minCount: 2 },
  dates: { minChars: 100, minCount: 2 },
} as const;

export const longTitleOrganisations: LabellingFunction = defineLf(
  "long_title_organisations",
  `title of ${ENTITY_RULES.organisations.minChars}+ characters naming ${ENTITY_RULES.organisations.minCount}+ organisations (Society, Company, Committee, ...) → Non-fiction`,
  (r) =>
    r.title.length >= ENTITY_RULES.organisations.minChars && findOrganisations(r.title, getTitleTokens(r).words).length >= ENTITY_RULES.organisations.minCount
      ? "Non-fiction"
      : null,
);

export const longTitleDates: LabellingFunction = defineLf(
  "long_title_dates",
  `title of ${ENTITY_RULES.dates.minChars}+ characters naming ${ENTITY_RULES.dates.minCount}+ dates (years, periods, full dates, centuries) → Non-fiction`,
  (r) => (r.title.length >= ENTITY_RULES.dates.minChars && findDates(r.title).length >= ENTITY_RULES.dates.minCount ? "Non-fiction" : null),
);

export const titleNamesLaw: LabellingFunction = defineLf(
  "title_names_law",
  "title names a law (an Act of Parliament, statute, ordinance, Gesetz, loi) → Non-fiction",
  (r) => (findLaws(r.title).length > 0 ? "Non-fiction" : null),
);

/** Places come from the collection's own publication places, so this function is built from them. */
export function buildLongTitlePlaces(gazetteer: PlaceGazetteer): LabellingFunction {
  const { minChars, minCount } = ENTITY_RULES.places;
  return defineLf(
    "long_title_places",
    `title of ${minChars}+ characters naming ${minCount}+ distinct places of publication known to the collection → Non-fiction`,
    (r) => (r.title.length >= minChars && findPlaces(r.title, gazetteer, getTitleTokens(r).words).length >= minCount ? "Non-fiction" : null),
  );
}
