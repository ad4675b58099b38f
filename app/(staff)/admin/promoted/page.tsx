import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/auth/guards";
import { getJobServices } from "@/lib/jobs/server";
import { parseOpenFacetPicks, OpenFacetParamsError, type OpenFacetPicks } from "@/lib/open-facets/params";
import { DEFAULT_THRESHOLD, toCardHref } from "@/lib/promotion/promotion";
import { PromotionStore } from "@/lib/store/promotions";
import { promoteAction, retireAction } from "./actions";
import { StaffTableHead } from "@/components/staff/table-head";

export const metadata: Metadata = { title: "Promoted facets" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/**
 * Staff turn an open facet (its picks, arriving from /open-facet or the search page as pos/neg)
 * into a public machine facet, and retire promoted ones.
 */
export default async function PromotedFacetsPage({ searchParams }: Props) {
  await requireStaff("/admin/promoted");
  const raw = await searchParams;
  let picks: OpenFacetPicks = { pos: [], neg: [] };
  let pickError: string | null = null;
  try {
    picks = parseOpenFacetPicks(raw);
  } catch (err) {
    if (!(err instanceof OpenFacetParamsError)) throw err;
    pickError = err.message;
  }
  const services = getJobServices();
  const all = new PromotionStore(services.store.db).listAll();
  const title = (id: string) => services.store.getRecord(id)?.title ?? `(no record ${id})`;
  const ok = one(raw.ok);
  const error = one(raw.error) || pickError;

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Promoted open facets</h1>
      {ok ? (
        <p role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-green-900" data-testid="promote-ok">
          {ok}{" "}
          <Link href="/admin" className="underline">
            Go to regeneration
          </Link>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800" data-testid="promote-error">
          {error}
        </p>
      ) : null}

      <section aria-labelledby="promote-heading" className="space-y-3">
        <h2 id="promote-heading" className="text-xl font-semibold">
          Promote an open facet
        </h2>
        {picks.pos.length === 0 ? (
          <p className="text-sm text-gray-700">
            Build an open facet on the <Link href="/open-facet" className="text-accent underline">open-facet page</Link> or from the search results, then
            follow its &quot;Promote&quot; link: the picks arrive here.
          </p>
        ) : (
          <form action={promoteAction} className="max-w-xl space-y-3" data-testid="promote-form">
            <p className="text-sm">
              Trained from {picks.pos.length} &quot;more like this&quot; and {picks.neg.length} &quot;not this&quot; picks:
            </p>
            <ul className="list-disc pl-5 text-sm">
              {picks.pos.map((id) => (
                <li key={`p-${id}`}>More like this: {title(id)}</li>
              ))}
              {picks.neg.map((id) => (
                <li key={`n-${id}`}>Not this: {title(id)}</li>
              ))}
            </ul>
            <input type="hidden" name="pos" value={picks.pos.join(",")} />
            <input type="hidden" name="neg" value={picks.neg.join(",")} />
            <div>
              <label htmlFor="promote-slug" className="block font-medium">
                Name in URLs (slug)
              </label>
              <input id="promote-slug" name="slug" required pattern="[a-z][a-z0-9_]{1,29}" defaultValue={one(raw.slug)} aria-describedby="promote-slug-help" className="mt-1 w-64 rounded border border-gray-400 px-3 py-2" />
              <p id="promote-slug-help" className="text-sm text-gray-600">
                Lower-case letters, digits and _; the facet is filtered as f.&lt;slug&gt;=yes.
              </p>
            </div>
            <div>
              <label htmlFor="promote-label" className="block font-medium">
                Label
              </label>
              <input id="promote-label" name="label" required minLength={2} maxLength={60} defaultValue={one(raw.label)} className="mt-1 w-64 rounded border border-gray-400 px-3 py-2" />
            </div>
            <div>
              <label htmlFor="promote-threshold" className="block font-medium">
                Threshold (probability for &quot;yes&quot;)
              </label>
              <input id="promote-threshold" name="threshold" type="number" min="0.01" max="0.99" step="0.01" defaultValue={DEFAULT_THRESHOLD} className="mt-1 w-32 rounded border border-gray-400 px-3 py-2" />
            </div>
            <button type="submit" className="rounded bg-gray-900 px-4 py-2 font-semibold text-white">
              Promote to a public facet
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="promoted-heading" className="space-y-3">
        <h2 id="promoted-heading" className="text-xl font-semibold">
          Promoted facets
        </h2>
        {all.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="promoted">
              <StaffTableHead columns={["Facet", "Version", "Picks", "Promoted", "State", "Action"]} />
              <tbody>
                {all.map((p) => (
                  <tr key={`${p.slug}-${p.version}`} className="border-t border-gray-200 align-top" data-slug={p.slug}>
                    <th scope="row" className="py-1 pr-3 font-semibold">
                      {p.label} <span className="font-mono text-xs">f.{p.slug}</span>
                    </th>
                    <td className="py-1 pr-3">
                      {p.version} (<Link href={toCardHref(p.slug)} className="underline">model card</Link>)
                    </td>
                    <td className="py-1 pr-3">
                      {p.pos.length} / {p.neg.length}
                    </td>
                    <td className="py-1 pr-3">
                      {p.promotedBy}, {p.promotedAt.slice(0, 16).replace("T", " ")} UTC
                    </td>
                    <td className="py-1 pr-3">{p.retiredAt ? `retired by ${p.retiredBy}, ${p.retiredAt.slice(0, 16).replace("T", " ")} UTC` : "public"}</td>
                    <td className="py-1">
                      {p.retiredAt ? null : (
                        <form action={retireAction}>
                          <input type="hidden" name="slug" value={p.slug} />
                          <button type="submit" className="rounded border border-gray-400 px-2 py-1">
                            Retire<span className="sr-only"> {p.label}</span>
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
