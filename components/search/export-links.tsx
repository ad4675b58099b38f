import { EXPORT_MAX_ROWS } from "@/lib/export/stream";
import { toSearchParams } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";

const numberFormat = new Intl.NumberFormat("en-GB");

/** Download every book of the current search (not only this page), with the machine fields. */
export function ExportLinks({ query, total }: { query: SearchQuery; total: number }) {
  // The API knows no open facets: the download is the search before the picks re-rank or filter it.
  const params = toSearchParams({ ...query, page: 1, openFacet: undefined });
  const href = (format: "csv" | "json") => {
    const p = new URLSearchParams(params);
    p.set("format", format);
    return `/api/export?${p.toString()}`;
  };
  const capped = total > EXPORT_MAX_ROWS;
  return (
    <p className="text-sm text-gray-700" data-testid="export-links">
      Download {capped ? `the first ${numberFormat.format(EXPORT_MAX_ROWS)} of these` : `all ${numberFormat.format(total)}`} results, with predicted values,
      confidence and model version:{" "}
      <a href={href("csv")} download className="font-medium text-accent underline hover:text-accent-strong">
        Export CSV
      </a>{" "}
      ·{" "}
      <a href={href("json")} download className="font-medium text-accent underline hover:text-accent-strong">
        Export JSON
      </a>
    </p>
  );
}
