import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import {
  OpenFacetParamsError,
  parseNamedOpenFacets,
  parseOpenFacetPicks,
  toNamedOpenFacetParam,
  toPickParams,
  type NamedOpenFacet,
  type OpenFacetPicks,
} from "@/lib/open-facets/params";
import { getStaffSession } from "@/lib/auth/guards";
import { roleAllows } from "@/lib/auth/roles";
import { OpenFacetError } from "@/lib/open-facets/rank";
import { rankOpenFacet, type OpenFacetRanking } from "@/lib/open-facets/server";
import { parseSearchParams } from "@/lib/search/params";
import { getSearchEngine } from "@/lib/search/server";
import { getStore } from "@/lib/store/server";
import { VectorFileError } from "@/ml/vectors/vector-file";

export const metadata: Metadata = { title: "Open facet: books like your picks" };
export const dynamic = "force-dynamic";

const SHOWN = 50;
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function hrefWith(picks: OpenFacetPicks, q: string, change: { pos?: string; neg?: string; remove?: string }, saved: readonly NamedOpenFacet[] = []): string {
  const pos = picks.pos.filter((id) => id !== change.remove && id !== change.neg);
  const neg = picks.neg.filter((id) => id !== change.remove && id !== change.pos);
  if (change.pos && !pos.includes(change.pos)) pos.push(change.pos);
  if (change.neg && !neg.includes(change.neg)) neg.push(change.neg);
  const params = toPickParams({ pos, neg });
  for (const f of saved) params.append("of", toNamedOpenFacetParam(f));
  if (q) params.set("q", q);
  return `/open-facet?${params.toString()}`;
}

/**
 * Open facets (issue 9): mark books "more like this" or "not this"; a classifier trained on the
 * picks ranks the collection (or the books matching the words). The picks live in the URL, so
 * the page's address is the facet: share it and the same ranking comes back.
 */
export default async function OpenFacetPage({ searchParams }: Props) {
  const raw = await searchParams;
  const q = typeof raw.q === "string" ? raw.q.trim().slice(0, 500) : "";
  let picks: OpenFacetPicks;
  let saved: NamedOpenFacet[];
  try {
    picks = parseOpenFacetPicks(raw);
    saved = parseNamedOpenFacets(raw.of);
    // "Save and combine": the current picks become a named facet (of=) and picking starts afresh.
    if (typeof raw.save === "string" && raw.save.trim() !== "" && picks.pos.length > 0) {
      const named = parseNamedOpenFacets([...saved.map(toNamedOpenFacetParam), `${raw.save.trim().toLowerCase()}:${[...picks.pos, ...picks.neg.map((id) => `-${id}`)].join(",")}`]);
      redirect(hrefWith({ pos: [], neg: [] }, q, {}, named));
    }
  } catch (err) {
    if (err instanceof OpenFacetParamsError) return <Problem message={`The parameter ${err.message}.`} />;
    throw err;
  }
  const store = await getStore();
  const session = await getStaffSession();
  const canPromote = session !== null && roleAllows(session.role, "staff");
  const title = (id: string) => store.getRecord(id)?.title ?? `(no record ${id})`;

  let ranking: OpenFacetRanking | null = null;
  let problem: string | null = null;
  let rows: Array<{ id: string; score: number | null }> = [];
  if (picks.pos.length > 0 || saved.length > 0) {
    try {
      ranking = await rankOpenFacet(picks, q, SHOWN, saved);
      rows = ranking.ranked;
    } catch (err) {
      if (err instanceof OpenFacetError || err instanceof VectorFileError) problem = err.message;
      else throw err;
    }
  } else if (q) {
    const result = await (await getSearchEngine()).search(parseSearchParams(new URLSearchParams({ q, per_page: String(SHOWN) })));
    rows = result.hits.map((h) => ({ id: h.doc.id, score: null }));
  }

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-bold text-gray-900">Open facet: books like your picks</h1>
      <p className="max-w-prose text-sm text-gray-700">
        Mark books <strong>More like this</strong> or <strong>Not this</strong>. A small classifier learns from your picks (and 1,000 random books as
        background) and ranks the collection by how much each book looks like them. It is machine-generated: treat the order as a suggestion.
        The picks are in this page&apos;s address, so you can share the facet as a link.
      </p>
      <form method="get" action="/open-facet" className="flex flex-wrap items-end gap-2" role="search">
        <div>
          <label htmlFor="of-q" className="block text-sm font-medium text-gray-800">
            {picks.pos.length ? "Limit the ranking to books matching" : "Find books to pick from"}
          </label>
          <input id="of-q" name="q" defaultValue={q} maxLength={500} className="mt-1 w-72 rounded-md border border-gray-400 px-2 py-1" />
        </div>
        {picks.pos.length ? <input type="hidden" name="pos" value={picks.pos.join(",")} /> : null}
        {picks.neg.length ? <input type="hidden" name="neg" value={picks.neg.join(",")} /> : null}
        {saved.map((f) => (
          <input key={f.name} type="hidden" name="of" value={toNamedOpenFacetParam(f)} />
        ))}
        <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-semibold text-white">
          Search
        </button>
      </form>

      {picks.pos.length + picks.neg.length > 0 ? (
        <section aria-labelledby="picks-heading" className="space-y-2">
          <h2 id="picks-heading" className="text-lg font-semibold">
            Your picks ({picks.pos.length} more like this, {picks.neg.length} not this)
          </h2>
          <ul className="space-y-1 text-sm" data-testid="picks">
            {[...picks.pos.map((id) => ({ id, kind: "More like this" })), ...picks.neg.map((id) => ({ id, kind: "Not this" }))].map((p) => (
              <li key={p.id}>
                <span className="font-medium">{p.kind}:</span> {title(p.id)}{" "}
                <Link href={hrefWith(picks, q, { remove: p.id }, saved)} className="text-accent underline">
                  remove<span className="sr-only"> {title(p.id)}</span>
                </Link>
              </li>
            ))}
          </ul>
          {picks.pos.length === 0 ? <p className="text-sm text-gray-700">Add at least one &quot;More like this&quot; to rank the collection.</p> : null}
          {canPromote && picks.pos.length > 0 ? (
            <p className="text-sm">
              <Link href={`/admin/promoted?${toPickParams(picks).toString()}`} className="font-medium text-accent underline">
                Promote these picks to a public facet
              </Link>{" "}
              (staff)
            </p>
          ) : null}
        </section>
      ) : null}

      {saved.length > 0 ? (
        <section aria-labelledby="saved-heading" className="space-y-1">
          <h2 id="saved-heading" className="text-lg font-semibold">
            Combined with saved facets (a book must fit all of them)
          </h2>
          <ul className="text-sm" data-testid="saved-facets">
            {saved.map((f) => (
              <li key={f.name}>
                <span className="font-medium">{f.name}</span>: {f.pos.length} more like this, {f.neg.length} not this{" "}
                <Link href={hrefWith(picks, q, {}, saved.filter((o) => o.name !== f.name))} className="text-accent underline">
                  remove<span className="sr-only"> facet {f.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {picks.pos.length > 0 ? (
        <form method="get" action="/open-facet" className="flex flex-wrap items-end gap-2" data-testid="save-facet">
          <div>
            <label htmlFor="of-save" className="block text-sm font-medium text-gray-800">
              Save these picks as a facet and combine it with another
            </label>
            <input id="of-save" name="save" required pattern="[a-z0-9][a-z0-9\-]{0,39}" placeholder="e.g. travel" className="mt-1 w-48 rounded-md border border-gray-400 px-2 py-1" />
          </div>
          <input type="hidden" name="pos" value={picks.pos.join(",")} />
          {picks.neg.length ? <input type="hidden" name="neg" value={picks.neg.join(",")} /> : null}
          {saved.map((f) => (
            <input key={f.name} type="hidden" name="of" value={toNamedOpenFacetParam(f)} />
          ))}
          {q ? <input type="hidden" name="q" value={q} /> : null}
          <button type="submit" className="rounded-md border border-gray-400 px-3 py-1.5">
            Save and start another
          </button>
        </form>
      ) : null}

      {problem ? <p role="alert" className="rounded-md border border-red-700/30 bg-red-50 p-3 text-sm">{problem}</p> : null}
      {ranking ? (
        <p className="text-sm text-gray-700" data-testid="open-facet-summary">
          Ranked {ranking.candidates.toLocaleString("en-GB")} books {q ? `matching “${q}”` : "in the collection"} in {ranking.trainAndScoreMs.toFixed(0)} ms
          (training and scoring). {ranking.unknownIds.length ? `Unknown ids ignored: ${ranking.unknownIds.join(", ")}.` : ""}
        </p>
      ) : null}

      {rows.length > 0 ? (
        <ol className="space-y-2" aria-label={ranking ? "Books ranked by your open facet" : "Books to pick from"} data-testid="open-facet-results">
          {rows.map((r, i) => (
            <li key={r.id} className="rounded-lg border border-gray-200 p-3" data-testid="open-facet-row" data-id={r.id}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/records/${encodeURIComponent(r.id)}`} className="font-semibold text-accent underline">
                  {ranking ? `${i + 1}. ` : ""}
                  {title(r.id)}
                </Link>
                {r.score !== null ? <span className="text-sm tabular-nums text-gray-700">score {r.score.toFixed(3)}</span> : null}
              </div>
              <p className="mt-1 flex gap-3 text-sm">
                <Link href={hrefWith(picks, q, { pos: r.id }, saved)} className="text-accent underline" rel="nofollow">
                  More like this<span className="sr-only"> ({title(r.id)})</span>
                </Link>
                <Link href={hrefWith(picks, q, { neg: r.id }, saved)} className="text-accent underline" rel="nofollow">
                  Not this<span className="sr-only"> ({title(r.id)})</span>
                </Link>
              </p>
            </li>
          ))}
        </ol>
      ) : !problem ? (
        <p className="text-sm text-gray-700">{q || picks.pos.length ? "No books to show." : "Search for a few words to find books to start from."}</p>
      ) : null}
    </div>
  );
}

function Problem({ message }: { message: string }) {
  return (
    <div className="mx-auto max-w-prose space-y-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">This open-facet link is not valid</h1>
      <p className="text-gray-700">{message}</p>
      <p>
        <Link href="/open-facet" className="font-medium text-accent underline">
          Start a new open facet
        </Link>
      </p>
    </div>
  );
}
