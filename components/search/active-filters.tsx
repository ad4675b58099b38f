import Link from "next/link";
import { getFacetTable } from "@/lib/facets/live-table";
import { getFacet, isMachineFacet, UNCERTAIN } from "@/lib/facets/table";
import { toggleFilter } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";
import { buildSearchHref, hasActiveFilters } from "./search-href";

interface Chip {
  key: string;
  label: string;
  value: string;
  /** Why the value may come from a model: "predicted", "catalogue or predicted", or null. */
  predicted: string | null;
  href: string;
}

export function toFilterChips(query: SearchQuery): Chip[] {
  const chips: Chip[] = [];
  for (const [facetName, values] of Object.entries(query.filters)) {
    const facet = getFacet(facetName, getFacetTable());
    for (const value of values) {
      const catalogueOnly = facet?.sourceField ? query.filters[facet.sourceField]?.join() === "catalogue" : false;
      const predicted =
        facet?.source === "machine" ? "predicted" : facet?.source === "catalogue-or-machine" && !catalogueOnly ? "catalogue or predicted" : null;
      chips.push({
        key: `f.${facetName}=${value}`,
        label: facet?.label.replace(/ \(predicted\)$/, "") ?? facetName,
        value: value === UNCERTAIN && facet && isMachineFacet(facet) ? "uncertain" : (facet?.valueLabels?.[value] ?? value),
        predicted,
        href: buildSearchHref(toggleFilter(query, facetName, value)),
      });
    }
  }
  if (query.yearFrom !== null || query.yearTo !== null) {
    const value =
      query.yearFrom !== null && query.yearTo !== null
        ? `${query.yearFrom}-${query.yearTo}`
        : query.yearFrom !== null
          ? `from ${query.yearFrom}`
          : `to ${query.yearTo}`;
    chips.push({ key: "years", label: "Years", value, predicted: null, href: buildSearchHref(query, { yearFrom: null, yearTo: null }) });
  }
  if (query.minConfidence !== null) {
    chips.push({
      key: "min_confidence",
      label: "Confidence",
      value: `≥ ${query.minConfidence}`,
      predicted: null,
      href: buildSearchHref(query, { minConfidence: null }),
    });
  }
  return chips;
}

/** The active filters as removable chips, with "clear all" (which keeps the words searched for). */
export function ActiveFilters({ query, heading = "Active filters" }: { query: SearchQuery; heading?: string }) {
  if (!hasActiveFilters(query)) return null;
  const chips = toFilterChips(query);
  const clearAll = buildSearchHref(query, { filters: {}, yearFrom: null, yearTo: null, minConfidence: null });
  return (
    <section aria-labelledby="active-filters-heading" className="flex flex-wrap items-center gap-2">
      <h2 id="active-filters-heading" className="text-sm font-semibold text-gray-900">
        {heading}:
      </h2>
      <ul className="flex flex-wrap gap-2">
        {chips.map((chip) => (
          <li key={chip.key}>
            <Link
              href={chip.href}
              scroll={false}
              className="inline-flex items-center gap-1.5 rounded-full border border-gray-300 bg-gray-100 py-1 pl-3 pr-2 text-sm text-gray-900 no-underline hover:border-accent hover:bg-blue-50"
              aria-label={`Remove filter ${chip.label}: ${chip.value}${chip.predicted ? ` (${chip.predicted})` : ""}`}
            >
              <span>
                <span className="text-gray-600">{chip.label}:</span> {chip.value}
              </span>
              {chip.predicted ? (
                <span className="rounded border border-machine/40 bg-machine-soft px-1 text-xs font-medium text-machine">{chip.predicted}</span>
              ) : null}
              <span aria-hidden="true" className="text-base leading-none text-gray-600">
                ×
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Link href={clearAll} scroll={false} className="text-sm font-medium text-accent underline hover:text-accent-strong">
        Clear all filters
      </Link>
    </section>
  );
}
