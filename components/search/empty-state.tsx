import Link from "next/link";
import type { SearchQuery } from "@/lib/search/types";
import { ActiveFilters } from "./active-filters";
import { buildSearchHref, hasActiveFilters } from "./search-href";

export function EmptyState({ query }: { query: SearchQuery }) {
  const filtered = hasActiveFilters(query);
  return (
    <div className="rounded-lg border border-dashed border-gray-400 px-6 py-10 text-center">
      <h2 className="text-xl font-semibold text-gray-900">No books match</h2>
      <p className="mx-auto mt-2 max-w-prose text-gray-700">
        {query.q ? (
          <>
            Nothing matches <strong>“{query.q}”</strong>
            {filtered ? " with these filters" : ""}.
          </>
        ) : (
          "Nothing matches these filters."
        )}{" "}
        Spelling mistakes are forgiven, but very specific combinations of filters often leave nothing.
      </p>
      {filtered ? (
        <div className="mt-5 flex flex-col items-center gap-3">
          <ActiveFilters query={query} heading="Remove a filter" />
        </div>
      ) : null}
      <ul className="mt-5 flex flex-wrap justify-center gap-4 text-sm">
        {filtered && query.q ? (
          <li>
            <Link href={buildSearchHref(query, { filters: {}, yearFrom: null, yearTo: null, minConfidence: null })} className="font-medium text-accent underline">
              Search “{query.q}” without filters
            </Link>
          </li>
        ) : null}
        <li>
          <Link href="/" className="font-medium text-accent underline">
            Start a new search
          </Link>
        </li>
      </ul>
    </div>
  );
}
