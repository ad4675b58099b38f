import Link from "next/link";
import type { SearchQuery } from "@/lib/search/types";
import { CONFIDENCE_PRESETS, buildSearchHref } from "./search-href";

/**
 * Lets the public choose how sure the model must be before its values count (`min_confidence`).
 * The presets are links, the number input belongs to the filter form: both work without JavaScript.
 */
export function ConfidenceControl({ query }: { query: SearchQuery }) {
  const current = query.minConfidence;
  const options: Array<{ value: number | null; label: string; spoken: string }> = [
    { value: null, label: "Any", spoken: "Any confidence" },
    ...CONFIDENCE_PRESETS.map((v) => ({ value: v, label: `≥ ${v}`, spoken: `At least ${v}` })),
  ];
  return (
    <fieldset className="rounded-md border border-machine/30 bg-machine-soft p-3">
      <legend className="px-1 text-sm font-semibold text-gray-900">Confidence of predicted values</legend>
      <p id="confidence-help" className="text-xs text-gray-700">
        Filters on predicted values match only predictions at least this confident; the rest are counted as
        “uncertain”.
      </p>
      <ul className="mt-2 flex flex-wrap gap-1" aria-label="Confidence presets">
        {options.map((o) => {
          const active = o.value === current;
          return (
            <li key={o.label}>
              <Link
                href={buildSearchHref(query, { minConfidence: o.value })}
                aria-current={active ? "true" : undefined}
                aria-label={o.spoken}
                className={
                  active
                    ? "inline-block rounded border border-machine bg-machine px-2 py-1 text-xs font-semibold text-white no-underline"
                    : "inline-block rounded border border-machine/50 bg-white px-2 py-1 text-xs font-medium text-machine no-underline hover:bg-machine-soft"
                }
              >
                {o.label}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-2 flex items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="min-confidence" className="block text-xs text-gray-700">
            Minimum confidence (0 to 1)
          </label>
          <input
            id="min-confidence"
            name="min_confidence"
            type="number"
            inputMode="decimal"
            min={0}
            max={1}
            step={0.01}
            defaultValue={current ?? ""}
            aria-describedby="confidence-help"
            className="mt-0.5 w-full rounded border border-gray-400 bg-white px-2 py-1 text-sm"
          />
        </div>
        <button type="submit" className="rounded border border-machine bg-white px-2 py-1 text-sm font-medium text-machine hover:bg-machine-soft">
          Set
        </button>
      </div>
    </fieldset>
  );
}
