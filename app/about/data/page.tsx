import type { Metadata } from "next";
import { ChartFigure, DataTable, fixed, pct } from "@/components/about/chart-figure";
import { comparisonSpec, fictionShareSpec } from "@/lib/about/charts";
import { getSampleInspector, LabelsMissingError, type SampleInspectorReport } from "@/lib/about/sample-inspector-data";
import { getAboutData, labelsFilePath } from "@/lib/about/server";
import { workPaths } from "@/lib/env";
import { getStore } from "@/lib/store/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "About the data: sample inspector" };

export default async function DataPage() {
  const about = await getAboutData();
  const labelsFile = labelsFilePath();
  let report: SampleInspectorReport;
  try {
    report = await getSampleInspector({
      store: await getStore(),
      labelsFile,
      reportsDir: workPaths().reports,
      modelVersion: about.ok ? about.artifacts.version : null,
      thresholds: about.ok ? about.artifacts.meta.thresholds : [],
    });
  } catch (error) {
    if (!(error instanceof LabelsMissingError)) throw error;
    return (
      <article className="space-y-4">
        <h1 className="text-2xl font-semibold">About the data: the labelled sample against the collection</h1>
        <div className="rounded border border-amber-300 bg-amber-50 p-4" data-testid="labels-missing">
          <p className="text-sm">{error.message}</p>
          <p className="mt-1 text-sm">
            <code>npm run data:download</code> fetches it into the working folder.
          </p>
        </div>
      </article>
    );
  }
  return (
    <article className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">About the data: the labelled sample against the collection</h1>
        <p className="text-gray-700" data-testid="inspector-totals">
          The genre model learnt from <strong>{report.sample.books}</strong> labelled books ({report.sample.fiction} Fiction) in {report.sample.file}. The collection holds{" "}
          <strong>{report.collection.records}</strong> records. Where the sample differs from the collection, the model&apos;s figures describe the sample, not the collection.
        </p>
        <p className="text-sm text-gray-600">
          Language is predicted from the title on both sides (fastText lid.176), so the comparison measures the sample, not where the value came from. Collection languages: {report.collection.languageSource}. Divergence
          is Jensen-Shannon in bits: 0 means the same distribution, 1 means no overlap. Computed {report.generatedAt} for store revision {report.key.storeRevision}
          {report.key.modelVersion ? ` and model ${report.key.modelVersion}` : ""}.
        </p>
      </header>

      {report.comparisons.map((c) => (
        <section key={c.key} aria-labelledby={`cmp-${c.key}`} className="space-y-3" data-testid={`comparison-${c.key}`}>
          <h2 id={`cmp-${c.key}`} className="text-xl font-semibold">
            {c.title}
          </h2>
          <p className="text-sm">
            <strong data-testid={`jsd-${c.key}`}>JSD {c.jsd.toFixed(3)}</strong>: {c.summary}.
          </p>
          {c.readings.length > 0 ? (
            <ul className="list-disc pl-5 text-sm">
              {c.readings.map((r) => (
                <li key={r}>{r[0]?.toUpperCase() + r.slice(1)}.</li>
              ))}
            </ul>
          ) : null}
          <ChartFigure spec={comparisonSpec(c)} caption={`${c.title}: share of the labelled sample (${c.sampleTotal}) and of the whole collection (${c.collectionTotal}).`}>
            <details>
              <summary className="cursor-pointer text-sm text-accent underline">Table of the figures</summary>
              <DataTable
                caption={c.title}
                head={["value", "sample", "sample share", "collection", "collection share", "sample / collection"]}
                rows={c.rows.map((r) => [r.value, r.sample, pct(r.sampleShare), r.collection, pct(r.collectionShare), r.ratio === null ? "n/a" : `${r.ratio.toFixed(2)}x`])}
              />
            </details>
          </ChartFigure>
        </section>
      ))}

      <section aria-labelledby="completeness" className="space-y-3">
        <h2 id="completeness" className="text-xl font-semibold">
          How complete each catalogue field is
        </h2>
        <DataTable
          caption="Share of records with a value"
          testId="completeness"
          head={["field", "labelled sample", "whole collection"]}
          rows={report.completeness.map((f) => [f.field, pct(f.sample), pct(f.collection)])}
        />
      </section>

      <section aria-labelledby="fiction-share" className="space-y-3">
        <h2 id="fiction-share" className="text-xl font-semibold">
          Predicted Fiction in the collection
        </h2>
        {!report.fiction ? (
          <p className="text-sm">No genre predictions are stored yet: run <code>npm run facets:generate</code>.</p>
        ) : (
          <>
            <p className="text-sm" data-testid="fiction-summary">
              From {report.fiction.predictions} stored predictions. &ldquo;Uncertain&rdquo; counts predictions below the model&apos;s recommended threshold for their label (
              {report.fiction.thresholds.length === 0 ? "no thresholds recorded: all uncertain" : report.fiction.thresholds.map((t) => `${t.label} ${t.threshold === null ? "never certain" : fixed(t.threshold)}`).join(", ")}).
            </p>
            <ChartFigure spec={fictionShareSpec(report.fiction.byDecade, "decade")} caption="Predicted Fiction share and uncertain share by decade of publication.">
              <DataTable
                caption="By decade"
                testId="fiction-by-decade"
                head={["decade", "books", "predicted Fiction", "uncertain"]}
                rows={report.fiction.byDecade.map((r) => [r.group, r.n, pct(r.fiction), pct(r.uncertain)])}
              />
            </ChartFigure>
            <ChartFigure spec={fictionShareSpec(report.fiction.byLanguage, "language")} caption="Predicted Fiction share and uncertain share by language of the title (12 most common).">
              <DataTable
                caption="By language"
                testId="fiction-by-language"
                head={["language", "books", "predicted Fiction", "uncertain"]}
                rows={report.fiction.byLanguage.map((r) => [r.group, r.n, pct(r.fiction), pct(r.uncertain)])}
              />
            </ChartFigure>
          </>
        )}
      </section>
    </article>
  );
}
