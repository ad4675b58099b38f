/**
 * The facet table: one row per facet. It drives the facet UI, the URL/API parser
 * (`f.<name>=value`) and the search engines' settings (filterable attributes, facets).
 * Adding a facet, including a machine-generated one, means adding a row here
 * (and, for a machine facet, registering its generator); no engine or URL code changes.
 */
export type FacetSource =
  /** Values come from the catalogue record. */
  | "catalogue"
  /** Values are predicted by a generator (ML); shown with confidence and model version. */
  | "machine"
  /** Catalogue value where there is one, a prediction otherwise; each record carries the source. */
  | "catalogue-or-machine";

export interface FacetDef {
  /** URL and API name: `f.<name>=value`. Never rename: old URLs must keep working. */
  name: string;
  /** Human label for the UI. */
  label: string;
  source: FacetSource;
  /** Field of the search document that holds the value(s). */
  field: string;
  /** "histogram" renders as a decade histogram with year inputs; "list" as checkboxes. */
  display: "list" | "histogram" | "toggle";
  /** Values shown before "more". */
  limit: number;
  /** Offer a search box inside the facet (thousands of values). */
  searchable: boolean;
  /** Default ordering of values in the UI. */
  order: "count" | "value";
  /** For machine facets: the generator name whose live version fills the field (see lib/facets/generators). */
  generator?: string;
  /**
   * For machine or mixed facets: the document fields holding confidence, model version
   * and the source of the value ("catalogue" | "predicted").
   */
  confidenceField?: string;
  modelField?: string;
  sourceField?: string;
  /**
   * For catalogue-or-machine facets: the `BookRecord` property holding the catalogue value(s),
   * which always win over a prediction (e.g. "languages").
   */
  catalogueField?: string;
  /** Short help text, e.g. what "predicted" means here. */
  help?: string;
  /** For machine facets: the page describing the model (its card), linked next to the model version. */
  cardHref?: string;
  /** Display text per stored value (e.g. "yes" -> "Travel"); values without one show as stored. */
  valueLabels?: Record<string, string>;
}

/** Value a machine facet shows for predictions below the requested `min_confidence`. */
export const UNCERTAIN = "uncertain";

export const FACETS = [
  { name: "decade", label: "Decade", source: "catalogue", field: "decade", display: "histogram", limit: 20, searchable: false, order: "value" },
  {
    name: "genre",
    label: "Genre (predicted)",
    source: "machine",
    field: "genre",
    display: "list",
    limit: 5,
    searchable: false,
    order: "count",
    generator: "genre",
    confidenceField: "genre_confidence",
    modelField: "genre_model",
    help: "Fiction (novels, tales, poetry, drama) or non-fiction, predicted from the title and catalogue fields.",
  },
  {
    name: "language",
    label: "Language",
    source: "catalogue-or-machine",
    field: "language",
    display: "list",
    limit: 8,
    searchable: false,
    order: "count",
    generator: "language",
    confidenceField: "language_confidence",
    modelField: "language_model",
    sourceField: "language_source",
    catalogueField: "languages",
    help: "The catalogue's language where it has one; otherwise the language of the title, predicted.",
  },
  { name: "language_source", label: "Language source", source: "catalogue", field: "language_source", display: "toggle", limit: 3, searchable: false, order: "count" },
  { name: "place", label: "Place of publication", source: "catalogue", field: "places", display: "list", limit: 8, searchable: true, order: "count" },
  { name: "country", label: "Country", source: "catalogue", field: "countries", display: "list", limit: 8, searchable: false, order: "count" },
  { name: "publisher", label: "Publisher", source: "catalogue", field: "publisher", display: "list", limit: 8, searchable: true, order: "count" },
] as const satisfies readonly FacetDef[];

export type FacetName = (typeof FACETS)[number]["name"];

export const FACET_NAMES: readonly string[] = FACETS.map((f) => f.name);

export function getFacet(name: string, table: readonly FacetDef[] = FACETS): FacetDef | undefined {
  return table.find((f) => f.name === name);
}

export class FacetTableError extends Error {
  override name = "FacetTableError";
}

const FACET_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The facet table plus extra rows, checked: a new facet (a third generator's, or a test's) is
 * one more `FacetDef`, and nothing else in the engines or the URL parser changes. Rows whose
 * name or field clash with an existing one, and machine rows without a generator or confidence
 * field, are refused with an error naming the row.
 */
export function buildFacetTable(extra: readonly FacetDef[] = [], base: readonly FacetDef[] = FACETS): readonly FacetDef[] {
  const table: FacetDef[] = [...base];
  for (const def of extra) {
    const where = `facet "${def.name}"`;
    if (!FACET_NAME.test(def.name)) throw new FacetTableError(`${where}: names are lower-case letters, digits and "_" (they appear in URLs as f.<name>)`);
    if (table.some((f) => f.name === def.name)) throw new FacetTableError(`${where}: a facet with this name already exists`);
    if (table.some((f) => f.field === def.field)) throw new FacetTableError(`${where}: field "${def.field}" is already used by another facet`);
    if (isMachineFacet(def)) {
      if (!def.generator) throw new FacetTableError(`${where}: a ${def.source} facet needs the name of its generator`);
      if (!def.confidenceField || !def.modelField) throw new FacetTableError(`${where}: a ${def.source} facet needs confidenceField and modelField`);
      if (def.source === "catalogue-or-machine" && (!def.sourceField || !def.catalogueField)) {
        throw new FacetTableError(`${where}: a catalogue-or-machine facet needs a sourceField and a catalogueField`);
      }
    }
    table.push(def);
  }
  return table;
}

/** Facets whose values come (at least partly) from a generator. */
export function getMachineFacets(table: readonly FacetDef[] = FACETS): FacetDef[] {
  return table.filter((f) => isMachineFacet(f) && f.generator !== undefined);
}

export function isMachineFacet(f: FacetDef): boolean {
  return f.source !== "catalogue";
}
