"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { FacetCount } from "@/lib/search/types";
import { toCheckboxId } from "./facet-value-list";

export interface FacetSearchProps {
  facet: string;
  label: string;
  /** The current search as a query string; matching values are counted under it. */
  searchQueryString: string;
  /** Text searched for without JavaScript (the `fq.<facet>` field) and the server's answer to it. */
  initialText: string;
  initialMatches: FacetCount[] | null;
  selected: string[];
}

const numberFormat = new Intl.NumberFormat("en-GB");
const DEBOUNCE_MS = 250;

/**
 * A search box inside a facet with thousands of values (publisher, place). With JavaScript it asks
 * `/api/facets/<facet>` as the user types; without it, "Find" submits the filter form and the server
 * renders the matches. Matches are checkboxes of the same form, so ticking one applies it.
 */
export function FacetSearch({ facet, label, searchQueryString, initialText, initialMatches, selected }: FacetSearchProps) {
  const [text, setText] = useState(initialText);
  const [matches, setMatches] = useState<FacetCount[] | null>(initialMatches);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const [enhanced, setEnhanced] = useState(false);
  const uid = useId();
  const requestId = useRef(0);

  useEffect(() => setEnhanced(true), []);

  useEffect(() => {
    if (!enhanced) return;
    const needle = text.trim();
    if (needle === "") {
      setMatches(null);
      setStatus("idle");
      return;
    }
    const id = ++requestId.current;
    const timer = setTimeout(async () => {
      setStatus("loading");
      try {
        const params = new URLSearchParams(searchQueryString);
        params.set("fq", needle);
        params.set("limit", "50");
        const res = await fetch(`/api/facets/${encodeURIComponent(facet)}?${params.toString()}`);
        if (!res.ok) throw new Error(`facet search answered ${res.status}`);
        const body = (await res.json()) as { values?: FacetCount[] };
        if (id !== requestId.current) return;
        setMatches(Array.isArray(body.values) ? body.values : []);
        setStatus("idle");
      } catch {
        if (id === requestId.current) setStatus("error");
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, enhanced, facet, searchQueryString]);

  const visible = (matches ?? []).filter((m) => !selected.includes(m.value));

  return (
    <div className="mb-2">
      <label htmlFor={`${uid}-q`} className="block text-xs font-medium text-gray-700">
        Search {label}
      </label>
      <div className="mt-1 flex gap-1">
        <input
          id={`${uid}-q`}
          type="search"
          name={`fq.${facet}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (enhanced && e.key === "Enter") e.preventDefault();
          }}
          autoComplete="off"
          className="min-w-0 flex-1 rounded border border-gray-400 px-2 py-1 text-sm"
        />
        {enhanced ? null : (
          <button type="submit" className="rounded border border-gray-400 px-2 py-1 text-sm">
            Find
          </button>
        )}
      </div>
      <div aria-live="polite" className="text-xs text-gray-600">
        {status === "loading" ? "Searching…" : null}
        {status === "error" ? "Could not search the values. Try again." : null}
        {status === "idle" && matches !== null && visible.length === 0 ? `No ${label} value matches “${text.trim()}”.` : null}
        {status === "idle" && visible.length > 0 ? `${visible.length} matching values` : null}
      </div>
      {visible.length > 0 ? (
        <ul className="mt-1 max-h-64 overflow-y-auto rounded border border-gray-200 p-1 text-sm" aria-label={`${label} values matching “${text.trim()}”`}>
          {visible.map((m) => {
            const id = `${toCheckboxId(facet, m.value)}-match`;
            return (
              <li key={m.value} className="flex items-start gap-2 py-0.5">
                <input id={id} type="checkbox" name={`f.${facet}`} value={m.value} className="mt-1 h-4 w-4 shrink-0 accent-accent" />
                <label htmlFor={id} className="flex min-w-0 flex-1 cursor-pointer justify-between gap-2">
                  <span className="break-words">{m.value}</span>{" "}
                  <span className="shrink-0 tabular-nums text-gray-600">
                    {numberFormat.format(m.count)}
                    <span className="sr-only"> books</span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
