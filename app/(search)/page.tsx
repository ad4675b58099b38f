import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { isClientNavigation } from "@/components/layout/is-client-navigation";
import { Announce } from "@/components/layout/live-announcer";
import { SearchSkeleton } from "@/components/search/search-skeleton";
import { getFacetTable } from "@/lib/facets/live-table";
import { safeParseNextSearchParams, toSearchParams } from "@/lib/search/params";
import { getSearchEngine } from "@/lib/search/server";
import type { FacetCount, SearchEngine, SearchQuery } from "@/lib/search/types";
import { getStaffSession } from "@/lib/auth/guards";
import { roleAllows } from "@/lib/auth/roles";
import { OpenFacetError } from "@/lib/open-facets/rank";
import { searchWithPicks, type PickedSearch } from "@/lib/open-facets/server";
import { VectorFileError } from "@/ml/vectors/vector-file";
import { OpenFacetPanel } from "@/components/search/open-facet-panel";
import { buildPickHref } from "@/components/search/pick-href";
import { getStore } from "@/lib/store/server";
import { toLiveModels } from "@/components/machine/live-models";
import { ActiveFilters } from "@/components/search/active-filters";
import { EmptyState } from "@/components/search/empty-state";
import { ExportLinks } from "@/components/search/export-links";
import { FacetPanel } from "@/components/search/facet-panel";
import { FiltersDisclosure } from "@/components/search/filters-disclosure";
import { Pagination } from "@/components/search/pagination";
import { ResultCard } from "@/components/search/result-card";
import { ResultsToolbar } from "@/components/search/results-toolbar";
import { buildRecordHref } from "@/components/search/return-to";
import { SearchBox } from "@/components/search/search-box";
import { splitPageParams } from "@/components/search/search-href";

type SearchPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FACET_MATCH_LIMIT = 50;
const numberFormat = new Intl.NumberFormat("en-GB");

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const { searchParams: clean } = splitPageParams(await searchParams);
  const parsed = safeParseNextSearchParams(clean, { openFacet: true });
  const q = parsed.ok ? parsed.query.q : "";
  return { title: q ? `“${q}”` : "Search" };
}

/**
 * Document loads render in one piece (works without JavaScript, no skeleton flash); router
 * navigations stream behind the skeleton (see isClientNavigation for why not loading.tsx).
 */
export default async function SearchPage(props: SearchPageProps) {
  if (!(await isClientNavigation())) return <SearchResults {...props} />;
  return (
    <Suspense fallback={<SearchSkeleton />}>
      <SearchResults {...props} />
    </Suspense>
  );
}

async function SearchResults({ searchParams }: SearchPageProps) {
  const { searchParams: clean, facetText } = splitPageParams(await searchParams);
  // The engine first: starting it installs the facet table with promoted facets (f.<slug>) the parser reads.
  const engine = await getSearchEngine();
  const parsed = safeParseNextSearchParams(clean, { openFacet: true });
  if (!parsed.ok) return <InvalidSearch param={parsed.error.param} message={parsed.error.message} />;
  const query = parsed.query;

  const [picked, facetMatches] = await Promise.all([searchPicked(engine, query), searchFacetText(query, facetText)]);
  const result = picked.search?.result ?? (await engine.search(query));
  const store = await getStore();
  const models = toLiveModels(store);
  const openFacetPanel = query.openFacet ? (
    <OpenFacetPanel
      query={{ ...query, openFacet: query.openFacet }}
      titles={Object.fromEntries([...query.openFacet.pos, ...query.openFacet.neg].map((id) => [id, store.getRecord(id)?.title ?? `(no record ${id})`]))}
      unknownIds={picked.search?.unknownIds ?? []}
      problem={picked.problem}
      canPromote={await isStaff()}
      trainAndScoreMs={picked.search?.trainAndScoreMs ?? null}
    />
  ) : null;

  // The record links carry the search exactly as the address bar shows it, so "Back to your search"
  // returns to the same URL (and the same history entry's look), not just an equivalent one.
  const pageParams = new URLSearchParams(Object.entries(clean).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v])));
  const firstShown = (result.page - 1) * result.perPage + 1;
  const lastShown = firstShown + result.hits.length - 1;
  const countText =
    result.total === 0
      ? "No books match"
      : `${numberFormat.format(result.total)} ${result.total === 1 ? "book matches" : "books match"}${
          result.hits.length > 0 && result.total > result.hits.length
            ? `, showing ${numberFormat.format(firstShown)}-${numberFormat.format(lastShown)}`
            : ""
        }`;
  const activeCount =
    Object.values(query.filters).reduce((n, v) => n + v.length, 0) +
    (query.yearFrom !== null || query.yearTo !== null ? 1 : 0) +
    (query.minConfidence !== null ? 1 : 0);

  return (
    <div className="space-y-5">
      <h1 className="sr-only">Search the digitised books</h1>
      <SearchBox query={query} />
      <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <aside aria-label="Filters" className="lg:order-first">
          <FiltersDisclosure activeCount={activeCount}>
            <h2 className="sr-only">Filters</h2>
            <FacetPanel query={query} facets={result.facets} models={models} facetText={facetText} facetMatches={facetMatches} />
          </FiltersDisclosure>
        </aside>
        <section aria-labelledby="results-heading" className="min-w-0 space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <div>
              <h2 id="results-heading" className="text-lg font-semibold text-gray-900">
                Results
              </h2>
              <p className="text-sm text-gray-700" data-testid="result-count">
                {countText}
              </p>
              <Announce message={countText} />
            </div>
            {result.total > 0 ? <ResultsToolbar query={query} /> : null}
          </div>
          {openFacetPanel}
          {result.total === 0 ? (
            <EmptyState query={query} />
          ) : (
            <>
              <ActiveFilters query={query} />
              {result.hits.length === 0 ? (
                <p className="rounded border border-gray-300 p-4">
                  This page is past the last page of results.{" "}
                  <Link href={`/?${toSearchParams({ ...query, page: 1 }).toString()}`} className="text-accent underline">
                    Go to the first page
                  </Link>
                  .
                </p>
              ) : (
                <ol className="space-y-3" aria-label="Books">
                  {result.hits.map((hit) => (
                    <ResultCard
                      key={hit.doc.id}
                      hit={hit}
                      recordHref={buildRecordHref(hit.doc.id, pageParams)}
                      picks={{ moreHref: buildPickHref(query, { pos: hit.doc.id }), notHref: buildPickHref(query, { neg: hit.doc.id }), score: picked.search?.scores.get(hit.doc.id) }}
                    />
                  ))}
                </ol>
              )}
              <Pagination query={query} total={result.total} />
              <ExportLinks query={query} total={result.total} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/**
 * Results re-ranked (or filtered) by the open facet of the picks in the URL; a problem with the
 * picks (no vectors yet, no pick with a vector) is shown and the plain results are served.
 */
async function searchPicked(engine: SearchEngine, query: SearchQuery): Promise<{ search: PickedSearch | null; problem: string | null }> {
  try {
    return { search: await searchWithPicks(engine, query), problem: null };
  } catch (err) {
    if (err instanceof OpenFacetError || err instanceof VectorFileError) return { search: null, problem: `${err.message}. The results below are not ranked by your picks.` };
    throw err;
  }
}

async function isStaff(): Promise<boolean> {
  const session = await getStaffSession();
  return session !== null && roleAllows(session.role, "staff");
}

/** Answers a facet's own search box when it was submitted without JavaScript (`fq.<facet>=text`). */
async function searchFacetText(query: SearchQuery, facetText: Record<string, string>): Promise<Record<string, FacetCount[]>> {
  const engine = await getSearchEngine();
  const out: Record<string, FacetCount[]> = {};
  for (const facet of getFacetTable()) {
    const text = facetText[facet.name];
    if (facet.searchable && text) out[facet.name] = await engine.searchFacetValues(query, facet.name, text, FACET_MATCH_LIMIT);
  }
  return out;
}

function InvalidSearch({ param, message }: { param: string; message: string }) {
  return (
    <div className="mx-auto max-w-prose space-y-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">This search link is not valid</h1>
      <p className="text-gray-700">
        The parameter <code className="rounded bg-gray-100 px-1">{param}</code> could not be read:{" "}
        {message.startsWith(`${param}: `) ? message.slice(param.length + 2) : message}.
      </p>
      <p>
        <Link href="/" className="font-medium text-accent underline">
          Start a new search
        </Link>
      </p>
    </div>
  );
}
