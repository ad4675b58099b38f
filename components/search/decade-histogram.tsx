import type { FacetResult, SearchQuery } from "@/lib/search/types";
import { buildSearchHref } from "./search-href";

const numberFormat = new Intl.NumberFormat("en-GB");
const WIDTH = 280;
const HEIGHT = 96;
const GAP = 2;

/** "1870s" -> 1870; null for anything else (the engine's "uncertain" or a stray value). */
export function parseDecadeStart(value: string): number | null {
  const m = /^(\d{3,4})0s$/.exec(value);
  return m ? Number(m[1]) * 10 : null;
}

/**
 * The decade facet as a histogram. Each bar is a link (a plain SVG <a>: next/link expects HTML
 * anchors) that narrows the year range to its decade;
 * the same numbers are given as a table for screen readers and anyone who prefers text, and the
 * from/to year inputs below are the accessible way to set any range.
 */
export function DecadeHistogram({ result, query, label }: { result: FacetResult; query: SearchQuery; label: string }) {
  const bars = result.values
    .map((v) => ({ ...v, start: parseDecadeStart(v.value) }))
    .filter((v): v is typeof v & { start: number } => v.start !== null)
    .sort((a, b) => a.start - b.start);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const barWidth = bars.length > 0 ? (WIDTH - GAP * (bars.length - 1)) / bars.length : 0;
  const first = bars[0];
  const last = bars[bars.length - 1];

  return (
    <div>
      {bars.length > 0 ? (
        <figure>
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`}
            className="h-auto w-full"
            role="group"
            aria-label={`${label}: books per decade, ${first?.value ?? ""} to ${last?.value ?? ""}. Each bar narrows the years to its decade.`}
          >
            {bars.map((b, i) => {
              const h = Math.max(2, Math.round((b.count / max) * HEIGHT));
              const x = i * (barWidth + GAP);
              const text = `${b.value}: ${numberFormat.format(b.count)} books`;
              return (
                <a key={b.value} href={buildSearchHref(query, { yearFrom: b.start, yearTo: b.start + 9 })} aria-label={text} className="group">
                  <title>{text}</title>
                  <rect x={x} y={0} width={barWidth} height={HEIGHT} fill="transparent" />
                  <rect x={x} y={HEIGHT - h} width={barWidth} height={h} className="fill-accent group-hover:fill-accent-strong group-focus-visible:fill-accent-strong" rx={1} />
                </a>
              );
            })}
            {first ? (
              <text x={0} y={HEIGHT + 13} className="fill-gray-700 text-[10px]">
                {first.start}
              </text>
            ) : null}
            {last && last !== first ? (
              <text x={WIDTH} y={HEIGHT + 13} textAnchor="end" className="fill-gray-700 text-[10px]">
                {last.start + 9}
              </text>
            ) : null}
          </svg>
          <details className="mt-1 text-xs">
            <summary className="cursor-pointer text-accent underline">Books per decade as a table</summary>
            <table className="mt-1 w-full text-left">
              <caption className="sr-only">{label}: books per decade</caption>
              <thead>
                <tr>
                  <th scope="col" className="font-medium">Decade</th>
                  <th scope="col" className="text-right font-medium">Books</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.value}>
                    <td>{b.value}</td>
                    <td className="text-right tabular-nums">{numberFormat.format(b.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      ) : (
        <p className="text-sm text-gray-600">No dated books in these results.</p>
      )}
      <fieldset className="mt-3">
        <legend className="text-sm font-medium">Years of publication</legend>
        <div className="mt-1 flex items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="year-from" className="block text-xs text-gray-700">
              From year
            </label>
            <input
              id="year-from"
              name="year_from"
              type="number"
              inputMode="numeric"
              min={1000}
              max={2100}
              step={1}
              defaultValue={query.yearFrom ?? ""}
              placeholder={first ? String(first.start) : undefined}
              className="mt-0.5 w-full rounded border border-gray-400 px-2 py-1 text-sm"
            />
          </div>
          <div className="min-w-0 flex-1">
            <label htmlFor="year-to" className="block text-xs text-gray-700">
              To year
            </label>
            <input
              id="year-to"
              name="year_to"
              type="number"
              inputMode="numeric"
              min={1000}
              max={2100}
              step={1}
              defaultValue={query.yearTo ?? ""}
              placeholder={last ? String(last.start + 9) : undefined}
              className="mt-0.5 w-full rounded border border-gray-400 px-2 py-1 text-sm"
            />
          </div>
          <button type="submit" className="rounded border border-accent px-2 py-1 text-sm font-medium text-accent hover:bg-blue-50">
            Set
          </button>
        </div>
      </fieldset>
      {result.missing > 0 ? (
        <p className="mt-2 text-xs text-gray-600">No date: {numberFormat.format(result.missing)} books</p>
      ) : null}
    </div>
  );
}
