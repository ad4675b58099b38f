import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getJobServices } from "@/lib/jobs/server";
import type { PromotedFacet } from "@/lib/promotion/promotion";
import { PromotionStore } from "@/lib/store/promotions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

/** The public facet's current version, else its last retired one (old links keep working). */
function getCardFacet(slug: string): PromotedFacet | null {
  if (!/^[a-z][a-z0-9_]{1,29}$/.test(slug)) return null;
  const promotions = new PromotionStore(getJobServices().store.db);
  return promotions.getActive(slug) ?? promotions.listAll().find((p) => p.slug === slug) ?? null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const facet = getCardFacet((await params).slug);
  return { title: facet ? `Model card: ${facet.label}` : "Model card not found" };
}

/** Model card of a facet promoted from an open facet (the stub written at promotion, lib/promotion). */
export default async function PromotedModelCardPage({ params }: Props) {
  const facet = getCardFacet((await params).slug);
  if (!facet) notFound();
  const { card } = facet;
  return (
    <article className="max-w-prose space-y-5">
      <h1 className="text-2xl font-semibold">
        Model card: {card.label} (version {card.version})
      </h1>
      {facet.retiredAt ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2">
          Retired by library staff on {facet.retiredAt.slice(0, 10)}: this facet is no longer on the search page.
        </p>
      ) : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Filter</dt>
        <dd className="font-mono">f.{card.facet}=yes | no</dd>
        <dt className="font-medium">Model version</dt>
        <dd className="font-mono">{card.modelVersion}</dd>
        <dt className="font-medium">Promoted</dt>
        <dd>
          by {card.promotedBy}, {card.promotedAt}
        </dd>
        <dt className="font-medium">Threshold</dt>
        <dd>{card.threshold}</dd>
        <dt className="font-medium">Vectors</dt>
        <dd className="font-mono">{card.vectorVersion}</dd>
      </dl>
      <section aria-labelledby="card-use" className="space-y-1">
        <h2 id="card-use" className="text-xl font-semibold">
          Intended use
        </h2>
        <p>{card.intendedUse}</p>
      </section>
      <section aria-labelledby="card-picks" className="space-y-1">
        <h2 id="card-picks" className="text-xl font-semibold">
          Trained from
        </h2>
        <ul className="list-disc pl-5 text-sm" data-testid="card-picks">
          {card.trainedFrom.pos.map((p) => (
            <li key={`p-${p.id}`}>More like this: {p.title ?? p.id}</li>
          ))}
          {card.trainedFrom.neg.map((p) => (
            <li key={`n-${p.id}`}>Not this: {p.title ?? p.id}</li>
          ))}
        </ul>
        <p className="text-sm text-gray-700">
          Plus {card.training.randomNegatives.toLocaleString("en-GB")} random books (seed {card.training.seed}) as background negatives.
        </p>
      </section>
      <section aria-labelledby="card-limits" className="space-y-1">
        <h2 id="card-limits" className="text-xl font-semibold">
          Limitations
        </h2>
        <ul className="list-disc pl-5 text-sm">
          {card.limitations.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}
