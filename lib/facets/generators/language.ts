import type { BookRecord } from "@/lib/records/types";
import { LANGUAGE_MAP_VERSION } from "@/ml/language/codes";
import { IDENTIFIER_ID, identifyTitles, LANGUAGE_GENERATOR_VERSION } from "@/ml/language/identify";
import type { FacetGenerator, GeneratedValue } from "./types";

/**
 * "Language of the title": fastText lid.176 on the preprocessed title, mapped to catalogue
 * language names. It predicts for every record, including catalogued ones, so the record page
 * can show both; the search projection lets the catalogue value win (lib/facets/project.ts).
 */
export const languageGenerator: FacetGenerator = {
  name: "language",
  version: () => LANGUAGE_GENERATOR_VERSION,
  meta: () => ({
    identifier: IDENTIFIER_ID,
    mapVersion: LANGUAGE_MAP_VERSION,
    input: "title (cataloguer notes in brackets, digits and punctuation removed; lowercased)",
    report: "npm run ml:language-report -> <WORK_DIR>/reports/language/language-report.md",
  }),
  async predict(records: BookRecord[]): Promise<Array<GeneratedValue | null>> {
    const guesses = await identifyTitles(records.map((r) => r.title));
    return guesses.map((g) => (g ? { value: g.language, confidence: g.confidence } : null));
  },
};
