import Link from "next/link";
import { getFacetTable } from "@/lib/facets/live-table";
import { UNCERTAIN, isMachineFacet, type FacetDef } from "@/lib/facets/table";
import { DEFAULT_PER_PAGE, defaultSearchQuery, toSearchHref, toSearchParams } from "@/lib/search/params";
import { DEFAULT_FACET_LIMIT } from "@/lib/search/types";
import type { FacetCount, FacetResult, SearchQuery } from "@/lib/search/types";
import { MachineBadge } from "@/components/machine/machine-badge";
import { ConfidenceControl } from "./confidence-control";
import { DecadeHistogram } from "./decade-histogram";
import { FacetSearch } from "./facet-search";
import { FacetValueList } from "./facet-value-list";
import { FilterForm } from "./filter-form";

export const FILTER_FORM_ID = "search-filters";

export interface ModelInfo {
  version: string;
  createdAt: string;
}

export interface FacetPanelProps {
  query: SearchQuery;
  facets: Record<string, FacetResult>;
  /** Live model version per generator name, when the store knows it. */
  models: Record<string, ModelInfo>;
  /** Text typed into a facet's own search box without JavaScript, and the server's matches. */
  facetText: Record<string, string>;
  facetMatches: Record<string, FacetCount[]>;
}

const numberFormat = new Intl.NumberFormat("en-GB");

const SOURCE_LABELS: Record<string, string> = { catalogue: "From the catalogue", predicted: "Predicted" };

function valueLabelsFor(facet: FacetDef, query: SearchQuery): Record<string, string> | undefined {
  if (facet.name === "language_source") return SOURCE_LABELS;
  if (isMachineFacet(facet) && query.minConfidence !== null) {
    return { ...facet.valueLabels, [UNCERTAIN]: `Uncertain (confidence below ${query.minConfidence})` };
  }
  return facet.valueLabels;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/**
 * The filter sidebar, driven by the facet table: one GET form (see FilterForm) with a section per
 * facet. Machine facets carry the machine-generated badge, the live model version and its date.
 */
export function FacetPanel({ query, facets, models, facetText, facetMatches }: FacetPanelProps) {
  const table = getFacetTable();
  const hasMachineFacet = table.some((f) => isMachineFacet(f) && facets[f.name]);
  // Also sent to /api/facets, which knows no open-facet picks (they are kept by hidden inputs below).
  const queryString = toSearchParams({ ...query, page: 1, openFacet: undefined }).toString();

  return (
    // Keyed by the search so every control starts from the new state after a navigation
    // (inputs use defaultChecked/defaultValue so they also work before hydration).
    <FilterForm key={queryString} id={FILTER_FORM_ID}>
      {/* The rest of the state travels with the form so a GET submission keeps it. */}
      {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
      {query.sort !== "relevance" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.perPage !== DEFAULT_PER_PAGE ? <input type="hidden" name="per_page" value={query.perPage} /> : null}
      {query.facetLimit !== undefined && query.facetLimit !== DEFAULT_FACET_LIMIT ? (
        <input type="hidden" name="facet_limit" value={query.facetLimit} />
      ) : null}
      {/* Open-facet picks stay with the search when filters change. */}
      {[...toSearchParams({ ...defaultSearchQuery(), openFacet: query.openFacet })].map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}

      <div className="space-y-5">
        {hasMachineFacet ? <ConfidenceControl query={query} /> : null}
        {table.map((facet) => {
          const result = facets[facet.name];
          if (!result) return null;
          const machine = isMachineFacet(facet);
          const model = facet.generator ? models[facet.generator] : undefined;
          // A just-promoted facet has no values until its first regeneration: nothing to show yet.
          if (facet.cardHref && !model) return null;
          const headingId = `facet-heading-${facet.name}`;
          return (
            <section key={facet.name} aria-labelledby={headingId} className="border-t border-gray-200 pt-3">
              <h3 id={headingId} className="text-sm font-semibold text-gray-900">
                {facet.label}
              </h3>
              {machine ? (
                <div className="mt-1 space-y-1 text-xs text-gray-700">
                  <MachineBadge label={facet.source === "machine" ? "machine-generated" : "partly machine-generated"} {...(facet.cardHref ? { href: facet.cardHref } : {})} />
                  {model ? (
                    <p>
                      Model {model.version}, {formatDate(model.createdAt)}
                      {facet.cardHref ? (
                        <>
                          {" "}
                          <Link href={facet.cardHref} className="text-accent underline">
                            model card<span className="sr-only"> for {facet.label}</span>
                          </Link>
                        </>
                      ) : null}
                    </p>
                  ) : null}
                  {facet.help ? <p>{facet.help}</p> : null}
                  {facet.sourceField ? <CatalogueOnlyLink query={query} sourceField={facet.sourceField} label={facet.label} /> : null}
                </div>
              ) : null}
              <div className="mt-2">
                {facet.display === "histogram" ? (
                  <DecadeHistogram result={result} query={query} label={facet.label} />
                ) : (
                  <>
                    {facet.searchable ? (
                      <FacetSearch
                        facet={facet.name}
                        label={facet.label}
                        searchQueryString={queryString}
                        initialText={facetText[facet.name] ?? ""}
                        initialMatches={facetMatches[facet.name] ?? null}
                        selected={query.filters[facet.name] ?? []}
                      />
                    ) : null}
                    {result.values.length > 0 || (query.filters[facet.name]?.length ?? 0) > 0 ? (
                      <FacetValueList
                        facet={facet.name}
                        label={facet.label}
                        values={result.values}
                        selected={query.filters[facet.name] ?? []}
                        limit={facet.limit}
                        distinct={result.distinct}
                        defaultOrder={facet.order}
                        valueLabels={valueLabelsFor(facet, query)}
                      />
                    ) : (
                      <p className="text-sm text-gray-600">No values in these results.</p>
                    )}
                    {result.missing > 0 ? (
                      <p className="mt-1 text-xs text-gray-600">
                        No value: {numberFormat.format(result.missing)} books
                      </p>
                    ) : null}
                  </>
                )}
              </div>
            </section>
          );
        })}
      </div>
      <div className="sticky bottom-0 mt-4 border-t border-gray-200 bg-white py-3 group-data-[enhanced=true]/filters:static">
        <button type="submit" className="w-full rounded bg-accent px-3 py-2 text-sm font-semibold text-white hover:bg-accent-strong">
          Apply filters
        </button>
      </div>
    </FilterForm>
  );
}

/**
 * For facets that mix catalogue and predicted values: one link that keeps catalogued values only
 * (the facet table's source facet, e.g. `f.language_source=catalogue`), or takes that filter off.
 */
function CatalogueOnlyLink({ query, sourceField, label }: { query: SearchQuery; sourceField: string; label: string }) {
  const sourceFacet = getFacetTable().find((f) => f.field === sourceField);
  if (!sourceFacet) return null;
  const selected = query.filters[sourceFacet.name] ?? [];
  const only = selected.length === 1 && selected[0] === "catalogue";
  const filters = { ...query.filters };
  if (only) delete filters[sourceFacet.name];
  else filters[sourceFacet.name] = ["catalogue"];
  const href = toSearchHref({ ...query, filters, page: 1 });
  return (
    <p>
      <Link href={href} className="font-medium text-accent underline hover:text-accent-strong">
        {only ? `${label}: show predicted values too` : `${label}: catalogued values only`}
      </Link>
    </p>
  );
}
