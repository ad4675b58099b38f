import type { Metadata } from "next";
import Link from "next/link";
import { ChartFigure, DataTable, fixed, MissingArtifacts, pct } from "@/components/about/chart-figure";
import type { Evaluation } from "@/lib/about/artifacts";
import { ArtifactInvalidError, readLanguageReport, type LanguageReportFile } from "@/lib/about/artifacts";
import { confusionSpec, coverageSpec, reliabilitySpec } from "@/lib/about/charts";
import { sliceSource, toHeadlineRows, toVersionChanges } from "@/lib/about/model-report";
import { getAboutData } from "@/lib/about/server";
import { workPaths } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "How the genre model works: error analysis" };

function SliceTable({ title, slices, testId }: { title: string; slices: Evaluation["slices"]["language"]; testId: string }) {
  return (
    <DataTable
      caption={title}
      testId={testId}
      head={["slice", "books", "Fiction", "Non-fiction", "macro-F1", "accuracy", "error rate"]}
      rows={slices.map((s) => [s.slice, s.n, s.fiction, s.nonFiction, fixed(s.macroF1), fixed(s.accuracy), pct(s.errorRate)])}
    />
  );
}

function BookList({ title, books, testId }: { title: string; books: Evaluation["mostConfidentErrors"]; testId: string }) {
  return (
    <DataTable
      caption={title}
      testId={testId}
      head={["title", "record", "language", "human label", "predicted", "confidence"]}
      rows={books.map((b) => [b.title, <Link key={b.id} href={`/records/${encodeURIComponent(b.id)}`} className="text-accent underline">{b.id}</Link>, b.language, b.label, b.predicted, fixed(b.confidence)])}
    />
  );
}

export default async function ModelPage() {
  const data = await getAboutData();
  const history = toVersionChanges(data.versions, data.currentVersion);
  let language: LanguageReportFile | null = null;
  let languageError: string | null = null;
  try {
    language = readLanguageReport(workPaths().reports);
  } catch (error) {
    if (!(error instanceof ArtifactInvalidError)) throw error;
    languageError = error.message;
  }
  return (
    <article className="space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">How the genre model works: error analysis</h1>
        <p className="text-gray-700">
          Every figure on this page is read at request time from the current model folder&apos;s <code>metrics.json</code> and the store; nothing is typed in by hand.
        </p>
      </header>

      {!data.ok ? (
        <MissingArtifacts message={data.message} />
      ) : (
        <GenreSection data={data} />
      )}

      <section aria-labelledby="language-heading" className="space-y-3">
        <h2 id="language-heading" className="text-xl font-semibold">
          Language of the title
        </h2>
        {languageError ? <p className="text-sm text-red-800">The language report could not be read: {languageError}</p> : null}
        {language ? <LanguageSummary report={language} /> : languageError ? null : <p className="text-sm">No evaluation report for the language identifier yet: run <code>npm run ml:language-report</code>.</p>}
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          Version history of the genre facet
        </h2>
        {history.length === 0 ? (
          <p className="text-sm">No genre predictions are stored yet: run <code>npm run facets:generate</code>.</p>
        ) : (
          <DataTable
            caption="Stored prediction versions, oldest first, with what changed from the version before"
            testId="version-history"
            head={["version", "created", "records", "live", "what changed"]}
            rows={history.map((v) => [
              v.version,
              v.createdAt,
              v.records,
              v.current ? "current" : "",
              v.changes.length === 0 ? (v.summary ?? "first version") : <ul key={v.version} className="list-disc pl-4">{v.changes.slice(0, 8).map((c) => <li key={c}>{c}</li>)}</ul>,
            ])}
          />
        )}
      </section>
    </article>
  );
}

function LanguageSummary({ report }: { report: LanguageReportFile }) {
  const rows = Object.entries(report.results).flatMap(([on, r]) =>
    r.preprocessed && typeof r.preprocessed.accuracy === "number"
      ? [[`against ${on === "ocr" ? "the language of the OCR text" : on === "catalogue" ? "the catalogue Languages field" : on}`, r.preprocessed.books ?? "", fixed(r.preprocessed.accuracy), r.preprocessed.baseline ? `${fixed(r.preprocessed.baseline.accuracy)} (${r.preprocessed.baseline.language})` : "n/a", fixed(r.preprocessed.ece ?? null)]]
      : [],
  );
  const ocr = report.results.ocr?.preprocessed;
  return (
    <>
      <p className="text-sm">
        Identifier {report.generatorVersion ?? report.identifier}, report generated {report.generatedAt}.
      </p>
      <DataTable caption="Accuracy of the language predicted from the title, with the baseline of always answering the commonest language" testId="language-metrics" head={["checked", "books", "accuracy", "baseline", "ECE"]} rows={rows} />
      {ocr && ocr.perLanguage.length > 0 ? (
        <DataTable
          caption="Per language, against the language of the OCR text"
          testId="language-slices"
          head={["language", "books", "recall", "precision"]}
          rows={ocr.perLanguage.slice(0, 15).map((l) => [l.language, l.support, fixed(l.accuracy), fixed(l.precision ?? null)])}
        />
      ) : null}
      {ocr && ocr.topConfusions.length > 0 ? (
        <DataTable
          caption="Commonest errors, against the language of the OCR text"
          testId="language-confusions"
          head={["OCR language", "predicted from the title", "books"]}
          rows={ocr.topConfusions.slice(0, 10).map((c) => [c.gold, c.predicted, c.count])}
        />
      ) : null}
    </>
  );
}

async function GenreSection({ data }: { data: Extract<Awaited<ReturnType<typeof getAboutData>>, { ok: true }> }) {
  const { artifacts, lf, lfError } = data;
  const m = artifacts.metrics;
  const v = m.validation;
  const slices = sliceSource(artifacts);
  const headline = [
    ...toHeadlineRows(v),
    ...toHeadlineRows(m.validationHiddenFields),
    // Models trained before the annotation-join check have no trusted-labels evaluation.
    ...(m.validationTrusted ? toHeadlineRows(m.validationTrusted) : []),
    ...toHeadlineRows(m.refitCrossValidation),
  ];
  const coveragePoints = v.coverage.filter((p) => p.kept > 0);
  const every = Math.max(1, Math.ceil(coveragePoints.length / 12));
  return (
    <section aria-labelledby="genre-heading" className="space-y-8">
      <div className="space-y-1">
        <h2 id="genre-heading" className="text-xl font-semibold">
          Genre (Fiction / Non-fiction)
        </h2>
        <p className="text-sm" data-testid="model-version">
          Model <strong>{artifacts.version}</strong>, trained {artifacts.meta.createdAt}, {artifacts.meta.titleOnly ? "title only" : "title and catalogue fields"}
          {artifacts.source === "store" ? " (the version behind the live facet)" : " (the current model folder; no stored predictions name it)"}. See the{" "}
          <Link href="/about/model/card" className="text-accent underline">
            model card
          </Link>{" "}
          and the{" "}
          <Link href="/about/downloads" className="text-accent underline">
            downloads
          </Link>
          .
        </p>
      </div>

      <DataTable
        caption="Headline metrics with their baselines (macro-F1 averages the two classes; ECE is the expected calibration error)"
        testId="headline-metrics"
        head={["evaluation", "model", "books", "macro-F1", "accuracy", "ECE"]}
        rows={headline.map((r) => [r.run, r.model, r.n, fixed(r.macroF1), fixed(r.accuracy), fixed(r.ece)])}
      />

      <section className="space-y-3" aria-labelledby="thresholds-heading">
        <h3 id="thresholds-heading" className="text-lg font-semibold">
          Thresholds
        </h3>
        <p className="text-sm">
          Predictions below their label&apos;s threshold are shown as uncertain. Thresholds chosen on: {v.thresholds.chosenOn}. On the validation books they keep{" "}
          <strong data-testid="threshold-coverage">{pct(v.thresholds.result.coverage)}</strong> of books at precision <strong data-testid="threshold-precision">{fixed(v.thresholds.result.precision)}</strong>; weighted to the collection&apos;s
          language mix, {pct(v.thresholds.collectionWeighted.coverage)} at {fixed(v.thresholds.collectionWeighted.precision)}.
        </p>
        <DataTable
          caption="Recommended thresholds (from model.json)"
          testId="thresholds"
          head={["label", "threshold", "precision", "books kept"]}
          rows={artifacts.meta.thresholds.map((t) => [t.label, t.threshold === null ? "never certain" : fixed(t.threshold), fixed(t.precision), t.kept])}
        />
      </section>

      <div className="grid gap-8 md:grid-cols-2">
        <ChartFigure spec={confusionSpec(v)} caption={`Confusion matrix, ${v.name} (${v.n} books): rows are the human labels, columns the predictions.`}>
          <DataTable
            caption="Confusion matrix"
            testId="confusion"
            head={["human label \\ predicted", ...v.report.labels]}
            rows={v.report.confusion.map((row, i) => [v.report.labels[i] ?? String(i), ...row])}
          />
        </ChartFigure>
        <ChartFigure spec={reliabilitySpec(v)} caption={`Reliability diagram, ${v.name}: mean confidence against accuracy per bin; the dashed line is perfect calibration. ECE ${fixed(v.ece)}.`}>
          <DataTable
            caption="Reliability bins"
            testId="reliability"
            head={["confidence bin", "books", "mean confidence", "accuracy"]}
            rows={v.reliability.filter((b) => b.count > 0).map((b) => [`${fixed(b.lower, 2)}-${fixed(b.upper, 2)}`, b.count, fixed(b.meanConfidence), fixed(b.accuracy)])}
          />
        </ChartFigure>
      </div>

      <ChartFigure spec={coverageSpec(v)} caption={`Precision against coverage, ${v.name}: keeping only predictions at or above a confidence threshold. The diamond marks the chosen per-label thresholds.`}>
        <DataTable
          caption="Precision and coverage at a sample of thresholds"
          testId="coverage"
          head={["threshold", "share kept", "precision", "books kept"]}
          rows={coveragePoints.filter((_, i) => i % every === 0).map((p) => [fixed(p.threshold), pct(p.coverage), fixed(p.precision), p.kept])}
        />
      </ChartFigure>

      <section className="space-y-4" aria-labelledby="slices-heading">
        <h3 id="slices-heading" className="text-lg font-semibold">
          Slices ({slices.name}, {slices.n} books)
        </h3>
        <SliceTable title="By language of the book" slices={slices.slices.language} testId="slices-language" />
        <SliceTable title="By decade of publication" slices={slices.slices.decade} testId="slices-decade" />
        <SliceTable title="By title length" slices={slices.slices.titleLength} testId="slices-title-length" />
        <SliceTable title="By catalogue fields present" slices={slices.slices.fieldsPresent} testId="slices-fields" />
      </section>

      <section className="space-y-4" aria-labelledby="errors-heading">
        <h3 id="errors-heading" className="text-lg font-semibold">
          Errors worth reading ({v.name})
        </h3>
        <BookList title="Most confident errors" books={v.mostConfidentErrors} testId="confident-errors" />
        <BookList title="Least confident correct predictions" books={v.leastConfidentCorrect} testId="unsure-correct" />
        <p className="text-sm">
          {m.suspectLabels.length} labelled books get a held-out prediction that contradicts the human label with confidence 0.9 or more. They are listed in the report for review, not relabelled: some are model errors,
          some look like annotation mistakes.
        </p>
      </section>

      <section className="space-y-3" aria-labelledby="lf-heading">
        <h3 id="lf-heading" className="text-lg font-semibold">
          Labelling functions and weak supervision
        </h3>
        <p className="text-sm" data-testid="model-weak-labels">
          {m.weakSupervision
            ? m.weakSupervision.enabled
              ? `This model was trained with ${m.weakSupervision.examples} weakly labelled books (${m.weakSupervision.fiction} Fiction, ${m.weakSupervision.nonFiction} Non-fiction) besides the human labels: ${m.weakSupervision.reason}`
              : `This model was trained on human labels only: ${m.weakSupervision.reason}`
            : "The model folder does not record whether weak labels were used (trained before that was recorded)."}
        </p>
        {lfError ? <p className="text-sm text-red-800">The labelling-function report could not be read: {lfError}</p> : null}
        {!lf ? (
          <p className="text-sm">No labelling-function report yet: run <code>npm run ml:lf-report</code>.</p>
        ) : (
          <>
            <DataTable
              caption={`Labelling functions (report of ${lf.generatedAt}); accuracy on the labelled training books, coverage on both`}
              testId="lf-table"
              head={["function", "rule", "votes", "coverage (training)", "accuracy (training)", "coverage (collection)", "conflicts (collection)", "learned accuracy"]}
              rows={lf.functions.map((f) => [
                f.name,
                f.description,
                f.polarity.join(", "),
                pct(f.training.coverage),
                fixed(f.training.labelled?.accuracy ?? null),
                pct(f.collection.coverage),
                pct(f.collection.conflicts),
                fixed(f.learnedAccuracy),
              ])}
            />
            <p className="text-sm" data-testid="lf-lift">
              {lf.lift
                ? `Lift on ${lf.lift.validationBooks} validation books: macro-F1 ${fixed(lf.lift.humanOnly.validation.macroF1)} with human labels only, ${fixed(lf.lift.withWeakLabels.validation.macroF1)} with the weak labels added (${lf.lift.macroF1Gain >= 0 ? "+" : ""}${lf.lift.macroF1Gain.toFixed(3)}); kept: ${lf.lift.chosen}.`
                : "The lift of the weak labels was not measured in this report (run npm run ml:lf-report -- --lift)."}
            </p>
          </>
        )}
      </section>
    </section>
  );
}
