import Link from "next/link";
import type { SearchQuery } from "@/lib/search/types";
import { buildSearchHref } from "./search-href";

/** Page numbers to show: first, last, and a window around the current page, with gaps as null. */
export function toPageWindow(current: number, last: number, radius = 2): Array<number | null> {
  const pages = new Set<number>([1, last]);
  for (let p = current - radius; p <= current + radius; p++) if (p >= 1 && p <= last) pages.add(p);
  const sorted = [...pages].filter((p) => p >= 1 && p <= last).sort((a, b) => a - b);
  const out: Array<number | null> = [];
  for (const [i, p] of sorted.entries()) {
    const prev = sorted[i - 1];
    if (prev !== undefined && p - prev > 1) out.push(null);
    out.push(p);
  }
  return out;
}

export function Pagination({ query, total }: { query: SearchQuery; total: number }) {
  const last = Math.max(1, Math.ceil(total / query.perPage));
  if (last <= 1 && query.page <= 1) return null;
  const current = query.page;
  const linkClass = "inline-block min-w-9 rounded border border-gray-300 px-2.5 py-1.5 text-center text-sm text-accent no-underline hover:border-accent hover:bg-blue-50";
  return (
    <nav aria-label="Pages of results" className="mt-6">
      <ul className="flex flex-wrap items-center gap-1">
        {current > 1 ? (
          <li>
            <Link href={buildSearchHref(query, { page: Math.min(current - 1, last) })} className={linkClass} rel="prev">
              ‹ Previous
            </Link>
          </li>
        ) : null}
        {toPageWindow(Math.min(current, last), last).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-gray-600">
              …
            </li>
          ) : (
            <li key={p}>
              {p === current ? (
                <span aria-current="page" className="inline-block min-w-9 rounded border border-accent bg-accent px-2.5 py-1.5 text-center text-sm font-semibold text-white">
                  <span className="sr-only">Page </span>
                  {p}
                </span>
              ) : (
                <Link href={buildSearchHref(query, { page: p })} className={linkClass} aria-label={`Page ${p}`}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {current < last ? (
          <li>
            <Link href={buildSearchHref(query, { page: current + 1 })} className={linkClass} rel="next">
              Next ›
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
