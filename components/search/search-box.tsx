import { toSearchParams } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";

/** The query box: a GET form that keeps the current filters and starts again at page 1. */
export function SearchBox({ query }: { query: SearchQuery }) {
  const kept = toSearchParams({ ...query, q: "", page: 1 });
  return (
    <form action="/" method="get" role="search" aria-label="Books" className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="min-w-0 flex-1">
        <label htmlFor="search-q" className="block text-sm font-semibold text-gray-900">
          Search titles, names, places and publishers
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={500}
          placeholder="e.g. history of London"
          className="mt-1 w-full rounded-md border border-gray-500 px-3 py-2 text-base"
        />
      </div>
      {[...kept].map(([key, value], i) => (
        <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
      ))}
      <button type="submit" className="rounded-md bg-accent px-5 py-2 text-base font-semibold text-white hover:bg-accent-strong">
        Search
      </button>
    </form>
  );
}
