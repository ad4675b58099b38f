"use client";

import { useId, useMemo, useState } from "react";
import type { FacetCount } from "@/lib/search/types";

export interface FacetValueListProps {
  facet: string;
  label: string;
  values: FacetCount[];
  selected: string[];
  /** Values shown before "more". */
  limit: number;
  /** Distinct values the engine knows (may exceed `values.length` when the engine cut the list). */
  distinct: number;
  defaultOrder: "count" | "value";
  /** Display text for a raw value (e.g. "uncertain" -> "Uncertain (below 0.9)"). */
  valueLabels?: Record<string, string>;
}

const numberFormat = new Intl.NumberFormat("en-GB");

export function toCheckboxId(facet: string, value: string): string {
  // Ids must be stable across renders (focus is restored by id after a filter applies).
  let hash = 0;
  for (const ch of value) hash = (Math.imul(hash, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return `facet-${facet}-${(hash >>> 0).toString(36)}`;
}

function sortValues(values: FacetCount[], order: "count" | "value"): FacetCount[] {
  const copy = [...values];
  if (order === "count") copy.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  else copy.sort((a, b) => a.value.localeCompare(b.value, "en", { sensitivity: "base", numeric: true }));
  return copy;
}

/**
 * One facet's checkboxes: the top values, then "more" with the whole list, sortable A-Z or by count
 * and filterable by typing. Without JavaScript "more" is a plain <details> with the remaining values.
 */
export function FacetValueList({ facet, label, values, selected, limit, distinct, defaultOrder, valueLabels = {} }: FacetValueListProps) {
  const [expanded, setExpanded] = useState(false);
  const [order, setOrder] = useState<"count" | "value">(defaultOrder);
  const [filter, setFilter] = useState("");
  const uid = useId();

  // Selected values always stay visible, even when the engine's list no longer includes them.
  const all = useMemo(() => {
    const known = new Set(values.map((v) => v.value));
    const extra = selected.filter((s) => !known.has(s)).map((value) => ({ value, count: 0 }));
    return [...values, ...extra];
  }, [values, selected]);

  const top = useMemo(() => {
    const head = all.slice(0, limit);
    const headSet = new Set(head.map((v) => v.value));
    return [...head, ...all.filter((v) => !headSet.has(v.value) && selected.includes(v.value))];
  }, [all, limit, selected]);
  const topSet = new Set(top.map((v) => v.value));
  const rest = all.filter((v) => !topSet.has(v.value));

  const shown = useMemo(() => {
    if (!expanded) return top;
    const needle = filter.trim().toLocaleLowerCase();
    const matching = needle ? all.filter((v) => (valueLabels[v.value] ?? v.value).toLocaleLowerCase().includes(needle)) : all;
    return sortValues(matching, order);
  }, [expanded, top, all, filter, order, valueLabels]);

  const renderItem = (v: FacetCount) => {
    const id = toCheckboxId(facet, v.value);
    const text = valueLabels[v.value] ?? v.value;
    return (
      <li key={v.value} className="flex items-start gap-2 py-0.5">
        <input
          id={id}
          type="checkbox"
          name={`f.${facet}`}
          value={v.value}
          defaultChecked={selected.includes(v.value)}
          className="mt-1 h-4 w-4 shrink-0 accent-accent"
        />
        <label htmlFor={id} className="flex min-w-0 flex-1 cursor-pointer justify-between gap-2">
          <span className="break-words">{text}</span>{" "}
          <span className="shrink-0 tabular-nums text-gray-600">
            {numberFormat.format(v.count)}
            <span className="sr-only"> books</span>
          </span>
        </label>
      </li>
    );
  };

  return (
    <div>
      {expanded ? (
        <div className="mb-2 space-y-2 rounded border border-gray-200 bg-gray-50 p-2">
          <div>
            <label htmlFor={`${uid}-filter`} className="block text-xs font-medium text-gray-700">
              Filter {label} values
            </label>
            <input
              id={`${uid}-filter`}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              // Enter would submit the whole filter form; here it only narrows this list.
              onKeyDown={(e) => {
                if (e.key === "Enter") e.preventDefault();
              }}
              className="mt-1 w-full rounded border border-gray-400 px-2 py-1 text-sm"
              autoComplete="off"
            />
          </div>
          <fieldset className="flex flex-wrap items-center gap-x-3 text-xs">
            <legend className="sr-only">Sort {label} values</legend>
            <span aria-hidden="true" className="font-medium text-gray-700">
              Sort:
            </span>
            {(["count", "value"] as const).map((o) => (
              <label key={o} className="inline-flex items-center gap-1">
                {/* No `name`: sorting the list is local and must not submit the form. */}
                <input type="radio" checked={order === o} onChange={() => setOrder(o)} className="accent-accent" />
                {o === "count" ? "By count" : "A-Z"}
              </label>
            ))}
          </fieldset>
        </div>
      ) : null}
      <ul className={expanded ? "max-h-96 overflow-y-auto pr-1 text-sm" : "text-sm"} aria-label={`${label} values`}>
        {shown.map(renderItem)}
      </ul>
      {expanded && shown.length === 0 ? <p className="text-sm text-gray-600">No {label} value contains “{filter}”.</p> : null}
      {rest.length > 0 ? (
        <details
          className="mt-1"
          onToggle={(e) => {
            setExpanded(e.currentTarget.open);
            if (!e.currentTarget.open) setFilter("");
          }}
        >
          <summary className="cursor-pointer text-sm font-medium text-accent underline">
            {expanded ? "Show fewer" : `More ${label} values (${numberFormat.format(all.length)})`}
          </summary>
          {expanded ? null : <ul className="text-sm">{rest.map(renderItem)}</ul>}
        </details>
      ) : null}
      {distinct > all.length ? (
        <p className="mt-1 text-xs text-gray-600">
          Showing the {numberFormat.format(all.length)} most common of {numberFormat.format(distinct)} values.
        </p>
      ) : null}
    </div>
  );
}
