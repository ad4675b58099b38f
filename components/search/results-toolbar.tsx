import { DEFAULT_PER_PAGE, toSearchParams } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";
import { AutoSubmitSelect } from "./auto-submit-select";
import { PER_PAGE_OPTIONS, SORT_OPTIONS } from "./search-href";

/** Sort and page size: a GET form; with JavaScript a change applies at once. */
export function ResultsToolbar({ query }: { query: SearchQuery }) {
  const kept = toSearchParams({ ...query, sort: "relevance", perPage: DEFAULT_PER_PAGE, page: 1 });
  const omit = { sort: "relevance", per_page: String(DEFAULT_PER_PAGE) };
  return (
    <form action="/" method="get" className="flex flex-wrap items-end gap-3" aria-label="Sort and page size">
      {[...kept].map(([key, value], i) => (
        <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
      ))}
      <div>
        <label htmlFor="sort" className="block text-xs font-medium text-gray-700">
          Sort by
        </label>
        <AutoSubmitSelect omitWhen={omit} id="sort" name="sort" defaultValue={query.sort} className="mt-0.5 rounded border border-gray-500 bg-white px-2 py-1 text-sm">
          {SORT_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </AutoSubmitSelect>
      </div>
      <div>
        <label htmlFor="per-page" className="block text-xs font-medium text-gray-700">
          Per page
        </label>
        <AutoSubmitSelect omitWhen={omit} id="per-page" name="per_page" defaultValue={String(query.perPage)} className="mt-0.5 rounded border border-gray-500 bg-white px-2 py-1 text-sm">
          {PER_PAGE_OPTIONS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </AutoSubmitSelect>
      </div>
      <noscript>
        <button type="submit" className="rounded border border-gray-500 px-2 py-1 text-sm">
          Apply
        </button>
      </noscript>
    </form>
  );
}
