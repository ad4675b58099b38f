import { buildWordRegex } from "../text";
import { defineLf, type LabellingFunction } from "../types";

/**
 * The study's three keyword functions. Whole words with their plurals, not substrings:
 * a substring "tale" also fires inside "Natale", "vitale" and "totales".
 */
const NOVEL = buildWordRegex(["novel", "novels", "novelette", "novelettes"]);
const TALE = buildWordRegex(["tale", "tales"]);
const POEM = buildWordRegex(["poem", "poems"]);

export const titleNovel: LabellingFunction = defineLf("title_novel", '"novel(s)" in the title → Fiction', (r) => (NOVEL.test(r.title) ? "Fiction" : null));
export const titleTale: LabellingFunction = defineLf("title_tale", '"tale(s)" in the title → Fiction', (r) => (TALE.test(r.title) ? "Fiction" : null));
export const titlePoem: LabellingFunction = defineLf("title_poem", '"poem(s)" in the title → Fiction', (r) => (POEM.test(r.title) ? "Fiction" : null));
