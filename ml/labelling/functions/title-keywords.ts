import { buildWordMatcher } from "../text";
import { defineLf, type LabellingFunction } from "../types";

/**
 * The study's three keyword functions. Whole words with their plurals, not substrings:
 * a substring "tale" also fires inside "Natale", "vitale" and "totales".
 */
const NOVEL = buildWordMatcher(["novel", "novels", "novelette", "novelettes"]);
const TALE = buildWordMatcher(["tale", "tales"]);
const POEM = buildWordMatcher(["poem", "poems"]);

export const titleNovel: LabellingFunction = defineLf("title_novel", '"novel(s)" in the title → Fiction', (r) => (NOVEL.testRecord(r) ? "Fiction" : null));
export const titleTale: LabellingFunction = defineLf("title_tale", '"tale(s)" in the title → Fiction', (r) => (TALE.testRecord(r) ? "Fiction" : null));
export const titlePoem: LabellingFunction = defineLf("title_poem", '"poem(s)" in the title → Fiction', (r) => (POEM.testRecord(r) ? "Fiction" : null));
