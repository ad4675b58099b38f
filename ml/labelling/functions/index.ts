import type { BookRecord } from "@/lib/records/types";
import type { LabelledLike, LabellingFunction } from "../types";
import { catalogueGenre, physicalDescriptionMaps } from "./catalogue";
import { buildClassifierLf, DEFAULT_CLASSIFIER_CONFIDENCE, type FictionProbabilities } from "./classifier";
import { buildPlaceGazetteer } from "./entities";
import { buildLongTitlePlaces, longTitleDates, longTitleOrganisations, titleNamesLaw } from "./entity-rules";
import {
  accountsAndLetters,
  fictionFormsEnglish,
  fictionFormsOtherLanguages,
  historyEnglish,
  historyOtherLanguages,
  placeDescription,
  referenceWorks,
  travel,
} from "./multilingual-keywords";
import { buildShelfmarkLfs, DEFAULT_SHELFMARK_RULES, type ShelfmarkClassStats, type ShelfmarkRuleOptions } from "./shelfmark";
import { longTitle } from "./title-length";
import { titleNovel, titlePoem, titleTale } from "./title-keywords";

/** Functions that need nothing but the record. */
export const FIXED_LFS: readonly LabellingFunction[] = [
  titleNovel,
  titleTale,
  titlePoem,
  longTitle,
  longTitleOrganisations,
  longTitleDates,
  titleNamesLaw,
  fictionFormsEnglish,
  fictionFormsOtherLanguages,
  historyEnglish,
  historyOtherLanguages,
  travel,
  placeDescription,
  referenceWorks,
  accountsAndLetters,
  catalogueGenre,
  physicalDescriptionMaps,
];

export interface LfContext {
  /** Labelled training books (`isValid` false) for the shelfmark classes. Validation books are refused. */
  trainingBooks: readonly LabelledLike[];
  /** The collection, whose `Place of publication` values make the place gazetteer. */
  collection: readonly BookRecord[];
  shelfmarkRules?: ShelfmarkRuleOptions;
  /** Classifier P(Fiction) by record id (out-of-fold for labelled books); omit to leave the classifier function out. */
  classifierPredictions?: FictionProbabilities;
  classifierConfidence?: number;
}

export interface LfSet {
  functions: LabellingFunction[];
  shelfmarkClasses: ShelfmarkClassStats[];
}

export function buildLabellingFunctions(context: LfContext): LfSet {
  const gazetteer = buildPlaceGazetteer(context.collection.flatMap((r) => r.places), { minCount: 3 });
  const shelfmark = buildShelfmarkLfs(context.trainingBooks, context.shelfmarkRules ?? DEFAULT_SHELFMARK_RULES);
  const functions = [...FIXED_LFS, buildLongTitlePlaces(gazetteer), shelfmark.fiction, shelfmark.nonFiction];
  if (context.classifierPredictions) {
    functions.push(buildClassifierLf(context.classifierPredictions, context.classifierConfidence ?? DEFAULT_CLASSIFIER_CONFIDENCE));
  }
  const names = new Set<string>();
  for (const f of functions) {
    if (names.has(f.lfName)) throw new Error(`Two labelling functions are named "${f.lfName}"`);
    names.add(f.lfName);
  }
  return { functions, shelfmarkClasses: shelfmark.classes };
}
