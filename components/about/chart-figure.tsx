import type { ReactNode } from "react";
import type { TopLevelSpec } from "vega-lite";
import { renderChart } from "@/lib/about/charts";

/**
 * A server-rendered vega-lite chart with its text alternative: the caption names what it shows,
 * and `children` (a table with the same numbers) is the accessible equivalent, shown below it.
 */
export async function ChartFigure({ spec, caption, children, id }: { spec: TopLevelSpec; caption: string; children: ReactNode; id?: string }) {
  const chart = await renderChart(spec);
  return (
    <figure className="space-y-3" id={id}>
      {"svg" in chart ? (
        <div className="max-w-full overflow-x-auto" role="img" aria-label={`${caption} (the table below gives the same figures)`} dangerouslySetInnerHTML={{ __html: chart.svg }} />
      ) : (
        <p className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">The chart could not be drawn ({chart.error}); the table below has the figures.</p>
      )}
      <figcaption className="text-sm text-gray-700">{caption}</figcaption>
      {children}
    </figure>
  );
}

export function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

export function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined ? "n/a" : x.toFixed(digits);
}

export function DataTable({ caption, head, rows, testId }: { caption: string; head: string[]; rows: Array<Array<ReactNode>>; testId?: string }) {
  return (
    <div className="max-w-full overflow-x-auto">
      <table className="min-w-full border-collapse text-sm" data-testid={testId}>
        <caption className="mb-1 text-left font-medium text-gray-800">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="border-b border-gray-300 px-2 py-1 text-left font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="odd:bg-gray-50">
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="px-2 py-1 text-left font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className="px-2 py-1 tabular-nums">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MissingArtifacts({ message }: { message: string }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-4" data-testid="artifacts-missing">
      <h2 className="font-semibold">No model artifacts to show yet</h2>
      <p className="mt-1 text-sm">{message}</p>
      <p className="mt-1 text-sm">
        Train a model with <code>npm run train</code> (or <code>npm start</code>, which trains one when none exists), then generate the facets.
      </p>
    </div>
  );
}
