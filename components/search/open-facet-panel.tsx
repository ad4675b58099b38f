import Link from "next/link";
import { MachineBadge } from "@/components/machine/machine-badge";
import { toPickParams } from "@/lib/open-facets/params";
import type { SearchQuery } from "@/lib/search/types";
import { buildPickHref } from "./pick-href";

export interface OpenFacetPanelProps {
  query: SearchQuery & { openFacet: NonNullable<SearchQuery["openFacet"]> };
  titles: Record<string, string>;
  unknownIds: string[];
  /** Why the picks could not be used (no vectors, no pick with a vector). */
  problem: string | null;
  canPromote: boolean;
  trainAndScoreMs: number | null;
}

/**
 * The open facet built from "More like this" / "Not this" on result cards: a removable chip that
 * says what it does to the results, the picks (each removable), the rank/filter choice, and for
 * staff a link to promote it. Links only, so it works without JavaScript and the URL holds it.
 */
export function OpenFacetPanel({ query, titles, unknownIds, problem, canPromote, trainAndScoreMs }: OpenFacetPanelProps) {
  const of = query.openFacet;
  const picks = [...of.pos.map((id) => ({ id, kind: "More like this" })), ...of.neg.map((id) => ({ id, kind: "Not this" }))];
  const title = (id: string) => titles[id] ?? `(no record ${id})`;
  const effect = of.pos.length === 0 ? "Add a “More like this” pick to rank the results." : of.mode === "rank" ? "Results are ranked by how much each book looks like your picks." : `Only books scoring at least ${of.min} are shown, in the chosen order.`;
  return (
    <section aria-labelledby="open-facet-heading" className="space-y-2 rounded-md border border-machine/40 bg-machine-soft/40 p-3 text-sm" data-testid="open-facet-chip">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="open-facet-heading" className="font-semibold text-gray-900">
          Open facet: {of.pos.length} more like this, {of.neg.length} not this
        </h3>
        <MachineBadge />
        <Link href={buildPickHref(query, "clear")} className="ml-auto font-medium text-accent underline" data-testid="open-facet-remove">
          Remove open facet
        </Link>
      </div>
      <p>
        {effect} A small classifier trained on your picks (and 1,000 random books as background) scores every book
        {trainAndScoreMs !== null ? ` (${trainAndScoreMs.toFixed(0)} ms)` : ""}; treat it as a suggestion.
      </p>
      {problem ? (
        <p role="alert" className="rounded border border-red-700/30 bg-red-50 p-2">
          {problem}
        </p>
      ) : null}
      {unknownIds.length ? <p>Unknown ids ignored: {unknownIds.join(", ")}.</p> : null}
      <ul className="flex flex-wrap gap-2" aria-label="Your picks">
        {picks.map((p) => (
          <li key={p.id} className="rounded-full border border-gray-300 bg-white px-2 py-0.5">
            <span className="font-medium">{p.kind}:</span> {title(p.id)}{" "}
            <Link href={buildPickHref(query, { remove: p.id })} className="text-accent underline">
              remove<span className="sr-only"> {title(p.id)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {of.pos.length > 0 ? (
        <p className="flex flex-wrap gap-x-4 gap-y-1">
          {of.mode === "rank" ? (
            <Link href={buildPickHref(query, { mode: "filter" })} className="text-accent underline">
              Show only books scoring at least {of.min}
            </Link>
          ) : (
            <Link href={buildPickHref(query, { mode: "rank" })} className="text-accent underline">
              Rank all matching books instead
            </Link>
          )}
          <Link href={`/open-facet?${toPickParams(of).toString()}${query.q ? `&q=${encodeURIComponent(query.q)}` : ""}`} className="text-accent underline">
            Open on the open-facet page
          </Link>
          {canPromote ? (
            <Link href={`/admin/promoted?${toPickParams(of).toString()}`} className="font-medium text-accent underline">
              Promote to a public facet
            </Link>
          ) : null}
        </p>
      ) : null}
      <p className="text-xs text-gray-700">Filter counts in the sidebar are for the search before the open facet.</p>
    </section>
  );
}
