import { buildWordMatcher } from "../text";
import { defineLf, type LabellingFunction } from "../types";

/**
 * Catalogue genre terms (the `Genre` column, FAST/LCGFT style). They fire only where the record
 * has a genre: 25 books in this copy of the collection, most of the real export.
 */
const FICTION_GENRES = buildWordMatcher([
  "fiction", "novel", "novels", "poetry", "poetry or verse", "verse", "poems", "drama", "plays", "comedies", "tragedies", "short stories",
  "fairy tales", "juvenile fiction", "romances", "ballads", "songs", "libretti", "humor", "humorous fiction",
]);
const NONFICTION_GENRES = buildWordMatcher([
  "travel", "travel writing", "textbook", "textbooks", "diary", "diaries", "source", "sources", "biography", "biographies",
  "autobiography", "guidebook", "guidebooks", "handbooks", "manuals", "dictionaries", "directories", "catalogs", "catalogues",
  "statistics", "history", "sermons", "periodicals", "maps", "atlases", "registers", "law", "legislation", "reports", "essays",
  "correspondence", "description and travel",
]);

export const catalogueGenre: LabellingFunction = defineLf(
  "catalogue_genre",
  "catalogue Genre term: poetry, drama, fiction → Fiction; travel, textbook, diary, biography, guidebook → Non-fiction (abstains on both or none)",
  (r) => {
    if (!r.catalogueGenre) return null;
    const fiction = FICTION_GENRES.test(r.catalogueGenre);
    const nonFiction = NONFICTION_GENRES.test(r.catalogueGenre);
    if (fiction === nonFiction) return null;
    return fiction ? "Fiction" : "Non-fiction";
  },
);

/** Maps, plans and tables are bound into descriptive works; creative writing rarely has them. */
const DESCRIPTIVE_MATTER = buildWordMatcher([
  "map", "maps", "plan", "plans", "table", "tables", "chart", "charts", "diagram", "diagrams", "facsimile", "facsimiles", "genealogical",
]);

export const physicalDescriptionMaps: LabellingFunction = defineLf(
  "physical_maps_tables",
  "physical description lists maps, plans, tables, charts or facsimiles → Non-fiction",
  (r) => (r.physicalDescription && DESCRIPTIVE_MATTER.test(r.physicalDescription) ? "Non-fiction" : null),
);
