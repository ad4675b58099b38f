import { fold } from "@/lib/search/fold";
import type { FacetCount } from "@/lib/search/types";

/**
 * Facet value search shared by both engines, so the facet search box behaves the same on each:
 * values containing the text (accents and case folded), values with a word starting with it
 * first, then by count, then by value.
 */
export function matchFacetValues(values: Iterable<FacetCount>, text: string, limit: number): FacetCount[] {
  const needle = fold(text.trim());
  const found: Array<FacetCount & { prefix: boolean }> = [];
  for (const { value, count } of values) {
    if (count <= 0) continue;
    const folded = fold(value);
    const at = folded.indexOf(needle);
    if (at === -1) continue;
    const prefix = at === 0 || folded.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(needle));
    found.push({ value, count, prefix });
  }
  found.sort((a, b) => Number(b.prefix) - Number(a.prefix) || b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return found.slice(0, limit).map(({ value, count }) => ({ value, count }));
}
