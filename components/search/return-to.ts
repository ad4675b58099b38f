/**
 * "Back to your search" carries the search as a `from` query parameter on record links.
 * It is untrusted input: only the search page's own parameters are kept and the path is always
 * "/", so a crafted `from` can never send the user to another site (no open redirect).
 */

const SEARCH_KEYS = new Set(["q", "page", "per_page", "sort", "year_from", "year_to", "min_confidence"]);
const FACET_KEY = /^f\.[a-z0-9_]{1,40}$/;
const MAX_FROM_LENGTH = 4000;

export function toFromParam(searchParams: URLSearchParams): string {
  return searchParams.toString();
}

export function buildRecordHref(id: string, searchParams: URLSearchParams): string {
  const from = toFromParam(searchParams);
  const base = `/records/${encodeURIComponent(id)}`;
  return from ? `${base}?${new URLSearchParams({ from }).toString()}` : base;
}

/** The search page URL to return to, or null when `from` is missing or holds nothing usable. */
export function parseReturnTo(from: string | string[] | undefined): string | null {
  if (typeof from !== "string" || from.length === 0 || from.length > MAX_FROM_LENGTH) return null;
  const source = new URLSearchParams(from.startsWith("?") ? from.slice(1) : from);
  const kept = new URLSearchParams();
  for (const [key, value] of source) {
    if (SEARCH_KEYS.has(key) || FACET_KEY.test(key)) kept.append(key, value);
  }
  const qs = kept.toString();
  return qs ? `/?${qs}` : "/";
}
