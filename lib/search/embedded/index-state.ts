import { FACETS, type FacetDef } from "@/lib/facets/table";
import { fold } from "@/lib/search/fold";
import { buildFacetColumn, type FacetColumn } from "@/lib/search/embedded/facet-columns";
import { buildTextIndex, type TextIndex } from "@/lib/search/embedded/text-index";
import type { SearchDoc } from "@/lib/search/types";

/** An immutable, fully built index generation. Readers hold one reference for a whole request. */
export interface IndexState {
  docs: readonly SearchDoc[];
  byId: Map<string, number>;
  text: TextIndex;
  facets: Map<string, FacetColumn>;
  /** Year per document; NO_YEAR when unknown. */
  years: Int32Array;
  /** Document positions in each non-relevance sort order (unknown values last, ties by title then id). */
  orders: { year_asc: Uint32Array; year_desc: Uint32Array; title: Uint32Array; genre_confidence: Uint32Array };
}

export const NO_YEAR = -2147483648;

export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

export async function buildIndexState(
  source: AsyncIterable<SearchDoc> | Iterable<SearchDoc>,
  table: readonly FacetDef[] = FACETS,
): Promise<IndexState> {
  const docs: SearchDoc[] = [];
  const byId = new Map<string, number>();
  for await (const doc of source) {
    if (typeof doc.id !== "string" || doc.id === "") throw new SearchIndexError(`document ${docs.length} has no id`);
    if (byId.has(doc.id)) throw new SearchIndexError(`duplicate document id "${doc.id}"`);
    byId.set(doc.id, docs.length);
    docs.push(doc);
  }

  const text = buildTextIndex(docs.length, (i) => {
    const d = docs[i] as SearchDoc;
    return [d.title, d.names.join(" ; "), d.places.join(" ; "), d.publisher ?? ""];
  });

  const facets = new Map<string, FacetColumn>();
  for (const def of table) facets.set(def.name, buildFacetColumn(def, docs));

  const years = new Int32Array(docs.length);
  for (let d = 0; d < docs.length; d++) {
    const y = (docs[d] as SearchDoc).year;
    years[d] = typeof y === "number" && Number.isInteger(y) ? y : NO_YEAR;
  }
  return { docs, byId, text, facets, years, orders: buildOrders(docs, years) };
}

function buildOrders(docs: readonly SearchDoc[], years: Int32Array): IndexState["orders"] {
  const n = docs.length;
  const all = Array.from({ length: n }, (_, i) => i);
  // Plain code-unit order of folded, punctuation-free titles: as readers expect for Latin script,
  // and far cheaper than Intl.Collator over 34k titles.
  const titleKeys = docs.map((d) => toTitleSortKey(d.title));
  const byTitle = [...all].sort((a, b) => {
    const ka = titleKeys[a] as string;
    const kb = titleKeys[b] as string;
    return ka < kb ? -1 : ka > kb ? 1 : a - b;
  });
  const titleRank = new Uint32Array(n);
  byTitle.forEach((d, rank) => (titleRank[d] = rank));

  const yearOrder = (dir: 1 | -1) =>
    Uint32Array.from(
      [...all].sort((a, b) => {
        const ya = years[a] as number;
        const yb = years[b] as number;
        if (ya !== yb) {
          if (ya === NO_YEAR) return 1;
          if (yb === NO_YEAR) return -1;
          return dir * (ya - yb);
        }
        return (titleRank[a] as number) - (titleRank[b] as number);
      }),
    );

  const conf = docs.map((d) => (typeof d.genre_confidence === "number" ? d.genre_confidence : Number.NaN));
  const byConfidence = [...all].sort((a, b) => {
    const ca = conf[a] as number;
    const cb = conf[b] as number;
    const na = Number.isNaN(ca);
    const nb = Number.isNaN(cb);
    if (na !== nb) return na ? 1 : -1;
    if (!na && ca !== cb) return cb - ca;
    return (titleRank[a] as number) - (titleRank[b] as number);
  });

  return {
    year_asc: yearOrder(1),
    year_desc: yearOrder(-1),
    title: Uint32Array.from(byTitle),
    genre_confidence: Uint32Array.from(byConfidence),
  };
}

export function toTitleSortKey(title: string): string {
  return fold(title).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}
