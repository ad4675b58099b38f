import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/auth/guards";
import { GENRE_VALUES } from "@/lib/review/flag-input";
import { pickLeastConfident } from "@/lib/review/least-confident";
import { getReviewStore } from "@/lib/review/server";
import { getStore } from "@/lib/store/server";
import { decideFlagAction, labelBookAction } from "./actions";
import { StaffTableHead } from "@/components/staff/table-head";

export const metadata: Metadata = { title: "Review corrections" };
export const dynamic = "force-dynamic";

const UNSURE_SHOWN = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 300) : null);

export default async function ReviewPage({ searchParams }: Props) {
  await requireStaff("/admin/review");
  const params = await searchParams;
  const review = getReviewStore();
  const store = await getStore();
  const open = review.listFlags("open", 200);
  const decided = review.countFlags("accepted") + review.countFlags("rejected");
  const humanLabels = review.getLatestLabels("genre");
  const unsure = pickLeastConfident(store.getCurrentPredictions("genre").values(), review.labelledRecordIds("genre"), UNSURE_SHOWN);
  const title = (id: string) => store.getRecord(id)?.title ?? `(record ${id} is no longer in the store)`;
  const ok = one(params.ok);
  const error = one(params.error);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Review corrections</h1>
      {ok ? (
        <p role="status" className="rounded-md border border-green-700/30 bg-green-50 p-3 text-sm" data-testid="review-ok">
          {ok}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-red-700/30 bg-red-50 p-3 text-sm" data-testid="review-error">
          {error}
        </p>
      ) : null}
      <p className="text-sm text-gray-700">
        {open.length} open flag(s), {decided} decided. {humanLabels.length} book(s) have a human genre label; the next regeneration trains on them
        (a human label wins over the annotation file).
      </p>

      <section aria-labelledby="flags-heading" className="space-y-3">
        <h2 id="flags-heading" className="text-xl font-semibold">Open flags</h2>
        {open.length === 0 ? (
          <p className="text-sm text-gray-700">No open flags: visitors&apos; corrections appear here.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="open-flags">
            <StaffTableHead columns={["Book", "Facet", "Predicted", "Suggested", "Comment", "Sent", "Decision"]} />
            <tbody>
              {open.map((f) => (
                <tr key={f.id} className="border-t border-gray-200 align-top" data-testid={`flag-${f.id}`}>
                  <td className="py-1 pr-3">
                    <Link href={`/records/${encodeURIComponent(f.recordId)}`} className="text-accent underline">
                      {title(f.recordId)}
                    </Link>
                  </td>
                  <td className="py-1 pr-3">{f.generator}</td>
                  <td className="py-1 pr-3">
                    {f.predictedValue ?? "-"}
                    <span className="block break-all text-xs text-gray-600">{f.modelVersion ?? "no model version"}</span>
                  </td>
                  <td className="py-1 pr-3 font-medium">{f.suggestedValue}</td>
                  <td className="py-1 pr-3">{f.comment ?? ""}</td>
                  <td className="py-1 pr-3 whitespace-nowrap">{f.createdAt.slice(0, 16).replace("T", " ")}</td>
                  <td className="py-1">
                    <form action={decideFlagAction} className="flex gap-2">
                      <input type="hidden" name="flag_id" value={f.id} />
                      <button type="submit" name="decision" value="accept" className="rounded bg-accent px-2 py-1 text-white">
                        Accept<span className="sr-only"> flag {f.id}</span>
                      </button>
                      <button type="submit" name="decision" value="reject" className="rounded border border-gray-400 px-2 py-1">
                        Reject<span className="sr-only"> flag {f.id}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="unsure-heading" className="space-y-3">
        <h2 id="unsure-heading" className="text-xl font-semibold">Books the genre model is least sure of</h2>
        <p className="text-sm text-gray-700">
          Labelling these first teaches the model most per label (active learning; see the simulation report from <code>npm run ml:active-learning</code>).
          Books with a human label are left out.
        </p>
        {unsure.length === 0 ? (
          <p className="text-sm text-gray-700">No live genre predictions yet: run a regeneration first.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="least-confident">
            <StaffTableHead columns={["Book", "Predicted", "Confidence", "Label it"]} />
            <tbody>
              {unsure.map((p) => (
                <tr key={p.recordId} className="border-t border-gray-200 align-top">
                  <td className="py-1 pr-3">
                    <Link href={`/records/${encodeURIComponent(p.recordId)}`} className="text-accent underline">
                      {title(p.recordId)}
                    </Link>
                  </td>
                  <td className="py-1 pr-3">{p.value}</td>
                  <td className="py-1 pr-3 tabular-nums">{(p.confidence * 100).toFixed(1)}%</td>
                  <td className="py-1">
                    <form action={labelBookAction} className="flex gap-2">
                      <input type="hidden" name="record_id" value={p.recordId} />
                      {GENRE_VALUES.map((v) => (
                        <button key={v} type="submit" name="label" value={v} className="rounded border border-gray-400 px-2 py-1">
                          {v}
                          <span className="sr-only"> for record {p.recordId}</span>
                        </button>
                      ))}
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="direct-heading" className="space-y-3">
        <h2 id="direct-heading" className="text-xl font-semibold">Label any book</h2>
        <form action={labelBookAction} className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="direct-record" className="block text-sm font-medium">BL record ID</label>
            <input id="direct-record" name="record_id" required maxLength={64} className="rounded-md border border-gray-400 px-2 py-1" />
          </div>
          <div>
            <label htmlFor="direct-label" className="block text-sm font-medium">Genre</label>
            <select id="direct-label" name="label" className="rounded-md border border-gray-400 px-2 py-1">
              {GENRE_VALUES.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded bg-accent px-3 py-1.5 font-semibold text-white">Save label</button>
        </form>
      </section>
    </div>
  );
}
