import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { isClientNavigation } from "@/components/layout/is-client-navigation";
import { RecordSkeleton } from "@/components/record/record-skeleton";
import { getFacetTable } from "@/lib/facets/live-table";
import type { BookRecord } from "@/lib/records/types";
import { getStore } from "@/lib/store/server";
import { MachineSection } from "@/components/record/machine-section";
import { toGeneratorHistories } from "@/components/record/prediction-history";
import { parseReturnTo } from "@/components/search/return-to";
import { CorrectionsSection } from "@/components/record/corrections-section";
import { getReviewStore } from "@/lib/review/server";

type RecordPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Catalogue fields shown elsewhere on the page (title as the heading, link as the main action). */
const SHOWN_ABOVE = new Set(["Title", "Link to digitised book"]);

async function getRecord(id: string): Promise<BookRecord | null> {
  const store = await getStore();
  return store.getRecord(id);
}

export async function generateMetadata({ params }: RecordPageProps): Promise<Metadata> {
  const record = await getRecord((await params).id);
  return { title: record ? record.title : "Record not found" };
}

/** Streams behind a skeleton only for router navigations (see isClientNavigation). */
export default async function RecordPage(props: RecordPageProps) {
  if (!(await isClientNavigation())) return <RecordView {...props} />;
  return (
    <Suspense fallback={<RecordSkeleton />}>
      <RecordView {...props} />
    </Suspense>
  );
}

async function RecordView({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  const store = await getStore();
  const record = store.getRecord(id);
  if (!record) notFound();

  const query = await searchParams;
  const returnTo = parseReturnTo(query.from);
  const generators = [...new Set(getFacetTable().flatMap((f) => (f.generator ? [f.generator] : [])))];
  const history = store.getPredictionHistory(record.id);
  const currentVersions = Object.fromEntries([...new Set([...generators, ...history.map((h) => h.generator)])].map((g) => [g, store.getCurrentVersion(g)]));
  const histories = toGeneratorHistories(history, currentVersions, generators);
  const fields = Object.entries(record.fields).filter(([name, value]) => !SHOWN_ABOVE.has(name) && value.trim() !== "");

  return (
    <article className="mx-auto max-w-4xl space-y-6">
      <nav aria-label="Back">
        <Link href={returnTo ?? "/"} className="inline-flex items-center gap-1 text-sm font-medium text-accent underline hover:text-accent-strong">
          <span aria-hidden="true">←</span> {returnTo ? "Back to your search" : "Search the collection"}
        </Link>
      </nav>
      <header className="space-y-3">
        <h1 className="text-2xl font-bold leading-tight text-gray-900 sm:text-3xl">{record.title}</h1>
        {record.link ? (
          <p>
            <a
              href={record.link}
              className="inline-flex items-center gap-2 rounded-md bg-accent px-4 py-2 font-semibold text-white no-underline hover:bg-accent-strong"
              rel="noopener"
            >
              View the digitised book
              <span className="sr-only"> in the British Library viewer (opens the library&apos;s site)</span>
              <span aria-hidden="true">↗</span>
            </a>
          </p>
        ) : (
          <p className="text-sm text-gray-700">No link to a digitised copy is recorded for this book.</p>
        )}
        <p className="text-sm">
          <a href={`/records/${encodeURIComponent(record.id)}/citation.ris`} download className="font-medium text-accent underline hover:text-accent-strong">
            Download citation (RIS)
          </a>
          <span className="text-gray-700"> for reference managers; a predicted genre is noted as machine-generated.</span>
        </p>
      </header>

      <section aria-labelledby="catalogue-heading">
        <h2 id="catalogue-heading" className="text-lg font-semibold text-gray-900">
          Catalogue record
        </h2>
        <p className="text-sm text-gray-700">As catalogued by the British Library, in the order of its export.</p>
        <dl className="mt-3 divide-y divide-gray-200 border-y border-gray-200" data-testid="catalogue-fields">
          {fields.map(([name, value]) => (
            <div key={name} className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr] sm:gap-4">
              <dt className="text-sm font-medium text-gray-700">{name}</dt>
              <dd className="min-w-0 break-words text-gray-900">{value}</dd>
            </div>
          ))}
          {record.link ? (
            <div className="grid gap-1 py-2 sm:grid-cols-[14rem_1fr] sm:gap-4">
              <dt className="text-sm font-medium text-gray-700">Link to digitised book</dt>
              <dd className="min-w-0 break-all">
                <a href={record.link} className="text-accent underline" rel="noopener">
                  {record.link}
                </a>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <MachineSection histories={histories} catalogueGenre={record.catalogueGenre} catalogueLanguages={record.languages} />

      <CorrectionsSection
        recordId={record.id}
        catalogueGenre={record.catalogueGenre}
        humanLabels={getReviewStore().listLabelsForRecord(record.id)}
        histories={histories}
        openFlags={getReviewStore().listFlagsForRecord(record.id).filter((f) => f.state === "open").length}
        justFlagged={query.flag === "sent"}
      />
    </article>
  );
}
