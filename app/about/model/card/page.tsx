import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, fixed, MissingArtifacts, pct } from "@/components/about/chart-figure";
import { buildDatasheet } from "@/lib/about/datasheet";
import { describeWeakSlices, findWeakSlices, sliceSource, toCentury, toHeadlineRows } from "@/lib/about/model-report";
import { readCachedSampleInspector } from "@/lib/about/sample-inspector-data";
import { getAboutData } from "@/lib/about/server";
import { workPaths } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Model card and datasheet" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function List({ items, testId }: { items: readonly string[]; testId?: string }) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid={testId}>
      {items.map((i) => (
        <li key={i}>{i}</li>
      ))}
    </ul>
  );
}

export default async function ModelCardPage() {
  const data = await getAboutData();
  if (!data.ok) {
    return (
      <article className="space-y-4">
        <h1 className="text-2xl font-semibold">Model card: genre</h1>
        <MissingArtifacts message={data.message} />
      </article>
    );
  }
  const a = data.artifacts;
  const card = a.card;
  const evaluation = sliceSource(a);
  const weak = findWeakSlices(evaluation);
  const weakText = describeWeakSlices(weak, 1 - evaluation.report.accuracy);
  const badLanguages = weak.filter((w) => w.kind === "language").map((w) => w.slice);
  const badCenturies = [...new Set(weak.filter((w) => w.kind === "decade").map((w) => toCentury(w.slice) ?? w.slice))];
  const headline = [...toHeadlineRows(a.metrics.validation), ...toHeadlineRows(a.metrics.validationHiddenFields), ...toHeadlineRows(a.metrics.refitCrossValidation)];
  const datasheet = buildDatasheet(a, readCachedSampleInspector(workPaths().reports));

  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Model card: {card?.model.name ?? "genre model"}</h1>
        <p className="text-sm" data-testid="card-version">
          Version <strong>{a.version}</strong>, trained {a.meta.createdAt}. After Mitchell et al., &ldquo;Model Cards for Model Reporting&rdquo; (2019). Read from{" "}
          <code>card.json</code>, <code>model.json</code> and <code>metrics.json</code> of the current model folder;{" "}
          <Link href="/about/downloads" className="text-accent underline">
            download them
          </Link>
          .
        </p>
        {!card ? <p className="text-sm text-amber-800">This model folder has no card.json (trained by an older version of the pipeline): the sections below come from model.json and metrics.json only. Run npm run train to get the full card.</p> : null}
      </header>

      <Section id="details" title="Model details">
        <List items={[card?.model.type ?? `Genre classifier (${a.meta.titleOnly ? "title only" : "title and catalogue fields"})`, `Backend: ${a.meta.backend.name} (${a.meta.backend.source})`, `Code version: ${a.meta.codeVersion.commit ?? "unknown"}${a.meta.codeVersion.dirty ? " (with uncommitted changes)" : ""}`, `Seed ${a.meta.seed}`]} />
      </Section>

      {card ? (
        <>
          <Section id="intended-use" title="Intended use">
            <p className="text-sm">{card.intendedUse.primary}</p>
            <p className="text-sm">Users: {card.intendedUse.users}</p>
            <h3 className="font-semibold">Out of scope</h3>
            <List items={card.intendedUse.outOfScope} />
          </Section>
          <Section id="factors" title="Factors and inputs">
            <List items={[`Inputs: ${card.factors.inputs.join(", ")}`, `Not used: ${card.factors.notUsed.join("; ")}`, card.factors.languages]} />
          </Section>
        </>
      ) : null}

      <Section id="training-data" title="Training data">
        <p className="text-sm" data-testid="card-training-data">
          {a.meta.trainingData.books} books ({a.meta.trainingData.fiction} Fiction, {a.meta.trainingData.nonFiction} Non-fiction) from {a.meta.trainingData.rows} rows of {a.meta.trainingData.file}.
          {card ? ` ${card.trainingData.description}` : ""} See the datasheet below and the{" "}
          <Link href="/about/data" className="text-accent underline">
            sample inspector
          </Link>
          .
        </p>
      </Section>

      <Section id="evaluation" title="Evaluation">
        {card ? <p className="text-sm">{card.evaluationData}</p> : null}
        <DataTable caption="Metrics with baselines" testId="card-metrics" head={["evaluation", "model", "books", "macro-F1", "accuracy", "ECE"]} rows={headline.map((r) => [r.run, r.model, r.n, fixed(r.macroF1), fixed(r.accuracy), fixed(r.ece)])} />
        <DataTable
          caption={`Slices by language (${evaluation.name})`}
          testId="card-slices-language"
          head={["language", "books", "macro-F1", "error rate"]}
          rows={evaluation.slices.language.map((s) => [s.slice, s.n, fixed(s.macroF1), pct(s.errorRate)])}
        />
        <DataTable
          caption={`Slices by decade (${evaluation.name})`}
          testId="card-slices-decade"
          head={["decade", "books", "macro-F1", "error rate"]}
          rows={evaluation.slices.decade.map((s) => [s.slice, s.n, fixed(s.macroF1), pct(s.errorRate)])}
        />
      </Section>

      <Section id="limitations" title="Limitations">
        <p className="text-sm" data-testid="card-bad-slices">
          {weak.length === 0
            ? "No language or decade with 10 or more labelled books has an error rate 1.5 times the overall one."
            : `Handled badly (error rate at least 1.5 times the overall one, slices of 10+ books): languages ${badLanguages.length > 0 ? badLanguages.join(", ") : "none"}; periods ${badCenturies.length > 0 ? badCenturies.join(", ") : "none"}.`}
        </p>
        <List items={weakText} testId="card-weak-slices" />
        {card ? <List items={card.limitations} /> : null}
      </Section>

      <Section id="thresholds" title="Thresholds">
        <DataTable
          caption="Recommended per-label thresholds: below them a prediction is shown as uncertain"
          testId="card-thresholds"
          head={["label", "threshold", "precision", "books kept"]}
          rows={a.meta.thresholds.map((t) => [t.label, t.threshold === null ? "never certain" : fixed(t.threshold), fixed(t.precision), t.kept])}
        />
        <p className="text-sm">
          On the validation books: {pct(a.metrics.validation.thresholds.result.coverage)} kept at precision {fixed(a.metrics.validation.thresholds.result.precision)} (thresholds chosen on {a.metrics.validation.thresholds.chosenOn}).
        </p>
      </Section>

      {card ? (
        <Section id="ethics" title="Ethical considerations">
          <List items={card.ethicalConsiderations} />
        </Section>
      ) : null}

      <Section id="licence" title="Licence">
        <p className="text-sm" data-testid="card-licence">
          {card?.model.licence ?? "No licence recorded in this model folder."}
        </p>
      </Section>

      <section aria-labelledby="datasheet" className="space-y-4 border-t border-gray-300 pt-6">
        <h2 id="datasheet" className="text-2xl font-semibold">
          Datasheet for the training data
        </h2>
        <p className="text-sm">After Gebru et al., &ldquo;Datasheets for Datasets&rdquo; (2021), with the additions for galleries, libraries, archives and museums.</p>
        {datasheet.map((s) => (
          <div key={s.heading} className="space-y-1">
            <h3 className="font-semibold">{s.heading}</h3>
            <List items={s.items} />
          </div>
        ))}
      </section>
    </article>
  );
}
