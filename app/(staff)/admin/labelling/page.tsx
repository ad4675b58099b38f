import type { Metadata } from "next";
import Link from "next/link";
import { ArtifactInvalidError, readLfReport, type LfReportFile } from "@/lib/about/artifacts";
import { requireStaff } from "@/lib/auth/guards";
import { workPaths } from "@/lib/env";
import { toLfComparisonRows, toLfLift, toLfRows } from "@/lib/labelling-admin/lf-rows";

export const metadata: Metadata = { title: "Labelling functions" };
export const dynamic = "force-dynamic";

const th = "border-b border-gray-300 px-2 py-1 text-left align-bottom font-semibold";
const td = "border-b border-gray-200 px-2 py-1 align-top";
const tdNum = `${td} text-right tabular-nums`;

export default async function LabellingPage() {
  await requireStaff("/admin/labelling");
  let report: LfReportFile | null;
  try {
    report = readLfReport(workPaths().reports);
  } catch (error) {
    // A broken report is shown to staff with its reason rather than crashing the admin area.
    if (!(error instanceof ArtifactInvalidError)) throw error;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Labelling functions</h1>
        <p role="alert" className="rounded-md border border-red-700/30 bg-red-50 p-3 text-sm" data-testid="lf-report-invalid">
          {error.message}. Run <code>npm run ml:lf-report</code> again.
        </p>
      </div>
    );
  }
  if (!report) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">Labelling functions</h1>
        <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="lf-report-missing">
          No labelling-function report yet. Run <code>npm run ml:lf-report</code> to write it to the working folder, then reload this page.
        </p>
      </div>
    );
  }

  const rows = toLfRows(report);
  const comparison = toLfComparisonRows(report);
  const lift = toLfLift(report);
  const generated = new Date(report.generatedAt);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Labelling functions</h1>
      <p className="text-sm text-gray-700">
        Report written {Number.isNaN(generated.getTime()) ? report.generatedAt : generated.toUTCString()}. Together the functions cover{" "}
        {(100 * report.overall.collection.coverage).toFixed(1)}% of the collection. Training figures are on the labelled training books only
        (validation books are never scored here); learned accuracy is the label model&apos;s estimate, made without labels.
      </p>

      <section aria-labelledby="lf-table-heading" className="space-y-3">
        <h2 id="lf-table-heading" className="text-xl font-semibold">Figures per function</h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="lf-table">
            <caption className="mb-2 text-left text-gray-700">
              Coverage, overlaps and conflicts are shares of the books; overlaps and conflicts count books where another function also votes (and
              disagrees).
            </caption>
            <thead>
              <tr>
                <th scope="col" className={th}>Function</th>
                <th scope="col" className={th}>Votes</th>
                <th scope="col" className={th}>Training coverage</th>
                <th scope="col" className={th}>Training overlaps</th>
                <th scope="col" className={th}>Training conflicts</th>
                <th scope="col" className={th}>Accuracy on training books</th>
                <th scope="col" className={th}>Collection coverage</th>
                <th scope="col" className={th}>Collection overlaps</th>
                <th scope="col" className={th}>Collection conflicts</th>
                <th scope="col" className={th}>Learned accuracy</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <th scope="row" className={`${td} text-left font-normal`}>
                    <code>{r.name}</code>
                    <div className="text-xs text-gray-600">{r.description}</div>
                  </th>
                  <td className={td}>{r.labels}</td>
                  <td className={tdNum}>{r.trainCoverage}</td>
                  <td className={tdNum}>{r.trainOverlaps}</td>
                  <td className={tdNum}>{r.trainConflicts}</td>
                  <td className={tdNum}>{r.trainAccuracy}</td>
                  <td className={tdNum}>{r.collectionCoverage}</td>
                  <td className={tdNum}>{r.collectionOverlaps}</td>
                  <td className={tdNum}>{r.collectionConflicts}</td>
                  <td className={tdNum}>{r.learnedAccuracy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {comparison.length > 0 && (
        <section aria-labelledby="lf-compare-heading" className="space-y-3">
          <h2 id="lf-compare-heading" className="text-xl font-semibold">Label model against majority vote</h2>
          <table className="border-collapse text-sm" data-testid="lf-comparison">
            <caption className="mb-2 text-left text-gray-700">On the training books at least one function votes on.</caption>
            <thead>
              <tr>
                <th scope="col" className={th}>Method</th>
                <th scope="col" className={th}>Books scored</th>
                <th scope="col" className={th}>Accuracy</th>
                <th scope="col" className={th}>Macro-F1</th>
              </tr>
            </thead>
            <tbody>
              {comparison.map((c) => (
                <tr key={c.method}>
                  <th scope="row" className={`${td} text-left font-normal`}>{c.method}</th>
                  <td className={tdNum}>{c.scored}</td>
                  <td className={tdNum}>{c.accuracy}</td>
                  <td className={tdNum}>{c.macroF1}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {lift && (
        <section aria-labelledby="lf-lift-heading" className="space-y-2">
          <h2 id="lf-lift-heading" className="text-xl font-semibold">Lift from the weak labels</h2>
          <p className="text-sm" data-testid="lf-lift">
            Validation macro-F1 on {lift.validationBooks} books: {lift.humanOnlyMacroF1} with human labels only, {lift.withWeakMacroF1} with the weak
            labels added (macro-F1 {lift.macroF1Gain}, accuracy {lift.accuracyGain}). Kept as the default: <strong>{lift.chosen}</strong>.
          </p>
        </section>
      )}

      <section aria-labelledby="lf-examples-heading" className="space-y-3">
        <h2 id="lf-examples-heading" className="text-xl font-semibold">Examples from the collection</h2>
        {rows.map((r) => (
          <details key={r.name} className="rounded border border-gray-200 p-2" data-testid="lf-examples">
            <summary className="cursor-pointer">
              <code>{r.name}</code> fires on {r.examples.length === 0 ? "no example books" : `${r.examples.length} example book(s)`}
            </summary>
            {r.examples.length > 0 && (
              <ul className="mt-2 list-disc space-y-1 pl-6 text-sm">
                {r.examples.map((e) => (
                  <li key={e.id}>
                    <Link href={`/records/${encodeURIComponent(e.id)}`} className="underline">
                      {e.title || `(record ${e.id} has no title)`}
                    </Link>{" "}
                    <span className="text-gray-600">votes {e.vote}</span>
                  </li>
                ))}
              </ul>
            )}
          </details>
        ))}
      </section>
    </div>
  );
}
