import { getFacetTable } from "@/lib/facets/live-table";
import { type FacetDef, isMachineFacet } from "@/lib/facets/table";
import { isPredictedValue, toFacetValues } from "@/lib/search/embedded/facet-columns";
import { tokenizeForIndex } from "@/lib/search/fold";
import { toHighlightParts } from "@/lib/search/embedded/highlight";
import { toTitleSortKey } from "@/lib/search/embedded/index-state";
import {
  CATALOGUED_CONFIDENCE,
  confidenceFilterField,
  FOLDED_TEXT_FIELD,
  TITLE_SORT_FIELD,
  UNKNOWN_CONFIDENCE,
} from "@/lib/search/meilisearch/settings";
import type { HighlightPart, SearchDoc, SearchHit } from "@/lib/search/types";

/** Private-use characters as highlight tags: they cannot occur in catalogue text, so parsing is unambiguous. */
export const HIGHLIGHT_PRE = "\uE000";
export const HIGHLIGHT_POST = "\uE001";

export type MeiliDoc = SearchDoc & Record<string, unknown>;

const FIXED_HIDDEN_FIELDS = [FOLDED_TEXT_FIELD, TITLE_SORT_FIELD, "_formatted", "_rankingScore", "_matchesPosition"];

/** Read per call: promoted facets join the table at run time, each with a hidden confidence field. */
function hiddenFields(): Set<string> {
  const out = new Set<string>(FIXED_HIDDEN_FIELDS);
  for (const f of getFacetTable()) if (isMachineFacet(f)) out.add(confidenceFilterField(f));
  return out;
}

/** The document as Meilisearch stores it: the SearchDoc plus hidden fields for folding, sorting and confidence filters. */
export function toMeiliDoc(doc: SearchDoc): MeiliDoc {
  const out: MeiliDoc = { ...doc };
  // Accents, the long s and joined compounds ("to-day" -> "today") the same way the embedded engine indexes them.
  out[FOLDED_TEXT_FIELD] = tokenizeForIndex([doc.title, ...doc.names, ...doc.places, doc.publisher ?? ""].join(" ")).join(" ");
  out[TITLE_SORT_FIELD] = toTitleSortKey(doc.title);
  for (const def of getFacetTable()) {
    if (!isMachineFacet(def)) continue;
    if (toFacetValues(doc[def.field]).length === 0) continue;
    const c = def.confidenceField ? doc[def.confidenceField] : null;
    out[confidenceFilterField(def)] = !isPredictedValue(def, doc)
      ? CATALOGUED_CONFIDENCE
      : typeof c === "number" && Number.isFinite(c)
        ? c
        : UNKNOWN_CONFIDENCE;
  }
  return out;
}

/** Back to the SearchDoc callers know: hidden fields dropped. */
export function toSearchDocFromMeili(hit: Record<string, unknown>): SearchDoc {
  const doc: Record<string, unknown> = {};
  const hidden = hiddenFields();
  for (const [k, v] of Object.entries(hit)) if (!hidden.has(k)) doc[k] = v;
  return doc as SearchDoc;
}

/** Parses a `_formatted` string with the private tags into parts. */
export function toHighlightPartsFromTagged(text: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let rest = text;
  while (rest !== "") {
    const start = rest.indexOf(HIGHLIGHT_PRE);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(HIGHLIGHT_POST, start + 1);
    const stop = end === -1 ? rest.length : end;
    const matched = rest.slice(start + 1, stop);
    if (matched !== "") parts.push({ text: matched, match: true });
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return parts;
}

const HIGHLIGHTED = ["title", "names", "places", "publisher"] as const;

/**
 * `matcher` (the embedded engine's term rules) fills in highlights Meilisearch cannot see: a match
 * through the folded field ("to-day" found as "today", "Hiſtory" as "history") leaves the raw
 * field's `_formatted` unmarked.
 */
export function toSearchHitFromMeili(hit: Record<string, unknown>, matcher: ((term: string) => boolean) | null = null): SearchHit {
  const doc = toSearchDocFromMeili(hit);
  const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
  const highlight: SearchHit["highlight"] = {};
  for (const field of HIGHLIGHTED) {
    const raw = formatted[field];
    const text = Array.isArray(raw) ? raw.filter((x) => typeof x === "string").join("; ") : typeof raw === "string" ? raw : null;
    if (text === null || text === "") continue;
    let parts = toHighlightPartsFromTagged(text);
    if (matcher && !parts.some((p) => p.match)) parts = toHighlightParts(parts.map((p) => p.text).join(""), matcher);
    if (field === "title" || parts.some((p) => p.match)) highlight[field] = parts;
  }
  highlight.title ??= [{ text: doc.title, match: false }];
  return { doc, highlight };
}
