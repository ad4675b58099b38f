/**
 * Model card (Mitchell et al. 2019) for a genre model, as JSON for the portal and Markdown
 * for people. Every figure comes from metrics.json; nothing here is typed by hand.
 */
import type { GenreMetrics } from "@/ml/evaluate/genre-metrics";
import type { GenreModelMeta } from "@/ml/model/artifacts";

export interface GenreModelCard {
  model: { name: string; version: string; createdAt: string; type: string; backend: string; codeVersion: string | null; licence: string };
  intendedUse: { primary: string; users: string; outOfScope: string[] };
  factors: { inputs: string[]; notUsed: string[]; languages: string };
  metrics: {
    validation: { macroF1: number; accuracy: number; ece: number; baselineTfidfMacroF1: number | null; baselineMajorityMacroF1: number | null };
    validationHiddenFields: { macroF1: number; accuracy: number; ece: number };
    validationTrusted: { books: number; macroF1: number; accuracy: number; ece: number; baselineTfidfMacroF1: number | null; coverage: number; precision: number };
    refitCrossValidated: { macroF1: number; accuracy: number; ece: number; baselineTfidfMacroF1: number | null };
    slicesByLanguage: GenreMetrics["validation"]["slices"]["language"];
  };
  thresholds: { label: string; threshold: number | null }[];
  thresholdCoverage: { coverage: number; precision: number; on: string };
  trainingData: GenreModelMeta["trainingData"] & { description: string };
  evaluationData: string;
  limitations: string[];
  ethicalConsiderations: string[];
}

export function buildGenreCard(meta: GenreModelMeta, metrics: GenreMetrics): GenreModelCard {
  const tfidf = (e: GenreMetrics["validation"]) => e.baselines.find((b) => b.name.startsWith("TF-IDF"))?.report.macroF1 ?? null;
  const majority = metrics.validation.baselines.find((b) => b.name === "majority class")?.report.macroF1 ?? null;
  return {
    model: {
      name: "BL 19th-century books: Fiction / Non-fiction",
      version: meta.version,
      createdAt: meta.createdAt,
      type: `fastText-style linear classifier over hashed features (${meta.titleOnly ? "title only" : "title and catalogue fields"}), trained with TensorFlow.js, folded to one score per hash bucket, temperature/Platt-calibrated`,
      backend: `${meta.backend.name} (${meta.backend.source})`,
      codeVersion: meta.codeVersion.commit,
      licence: "Model weights: CC BY 4.0 (trained on CC BY 4.0 annotations and CC0 catalogue metadata).",
    },
    intendedUse: {
      primary: "A machine-generated genre facet (Fiction: novels, tales, poetry and drama; Non-fiction: everything else) for searching and slicing the British Library's digitised 19th-century books, shown with its confidence and model version.",
      users: "Readers of the portal, curators and researchers exploring the collection at scale.",
      outOfScope: [
        "Cataloguing decisions without human review: predictions are crude and some training labels are wrong.",
        "Books outside the 19th-century BL digitised collection, or modern records.",
        "Finer genres (poetry vs drama vs novel) or literary judgements.",
      ],
    },
    factors: {
      inputs: meta.featureConfig.fields.map(String),
      notUsed: ["annotator_* columns as inputs (written with the label; the annotated place and publisher are read only to flag labels made for another book)", "Languages column (absent in most records; would teach 'not English means non-fiction')", "shelfmark source prefix (Digital Store / British Library HMNTS)"],
      languages: "Titles in English, Dutch, Swedish, Danish, German, French, Spanish, Hungarian, Italian and others; character n-grams cover any script (Latin, Cyrillic, Greek). Training books are reweighted towards the collection's language mix (about 80% English).",
    },
    metrics: {
      validation: { macroF1: metrics.validation.report.macroF1, accuracy: metrics.validation.report.accuracy, ece: metrics.validation.ece, baselineTfidfMacroF1: tfidf(metrics.validation), baselineMajorityMacroF1: majority },
      validationHiddenFields: { macroF1: metrics.validationHiddenFields.report.macroF1, accuracy: metrics.validationHiddenFields.report.accuracy, ece: metrics.validationHiddenFields.ece },
      validationTrusted: {
        books: metrics.validationTrusted.n,
        macroF1: metrics.validationTrusted.report.macroF1,
        accuracy: metrics.validationTrusted.report.accuracy,
        ece: metrics.validationTrusted.ece,
        baselineTfidfMacroF1: tfidf(metrics.validationTrusted),
        coverage: metrics.validationTrusted.thresholds.result.coverage,
        precision: metrics.validationTrusted.thresholds.result.precision,
      },
      refitCrossValidated: { macroF1: metrics.refitCrossValidation.report.macroF1, accuracy: metrics.refitCrossValidation.report.accuracy, ece: metrics.refitCrossValidation.ece, baselineTfidfMacroF1: tfidf(metrics.refitCrossValidation) },
      slicesByLanguage: metrics.validation.slices.language,
    },
    thresholds: meta.thresholds.map((t) => ({ label: t.label, threshold: t.threshold })),
    thresholdCoverage: { coverage: metrics.validation.thresholds.result.coverage, precision: metrics.validation.thresholds.result.precision, on: "validation books, thresholds from the calibration fold" },
    trainingData: {
      ...meta.trainingData,
      description: "Human Fiction/Non-fiction labels made by BL staff from title pages (Living with Machines genre-classification data, annotations/train_valid.csv), joined to the BL catalogue export; grouped into books. The sample over-represents Dutch, Swedish and Danish books, which are almost all Non-fiction.",
    },
    evaluationData: `The file's validation split (${metrics.splits.validBooks} books, never used for fitting, calibration or thresholds), the same books reduced to the fields a typical collection record has, and ${metrics.splits.folds}-fold grouped cross-validation of the refit on all labelled books.`,
    limitations: [
      "Labelled books are not a random sample of the collection: per-language figures for Dutch, Swedish and Danish rest on almost only Non-fiction books.",
      `${metrics.untrustedLabels.books} labelled books carry an annotation made for another book (its place of publication contradicts the record's); ${metrics.untrustedLabels.leftOut} of them (policy ${metrics.untrustedLabels.policy}) were kept out of training, calibration and thresholds. The validation split still counts them with the label as given, which caps its figures; the trusted-labels row shows the books whose annotation fits.`,
      "Other human labels may be wrong; confident disagreements are listed in the report, not corrected.",
      "Long fiction titles and verse collections are typical misses; titles alone are often ambiguous.",
      "Most collection records lack languages, physical description and catalogue genre; figures with all fields present are optimistic for them (see the hidden-sample-fields evaluation).",
      "Thresholds for precision 0.99 were chosen on about 1,300-1,700 books: the precision they give on new books is an estimate.",
    ],
    ethicalConsiderations: [
      "Machine-made metadata is always shown as such, with confidence and model version, and can be corrected by staff.",
      "Digitisation selected books unevenly (by language, date and subject); a facet built on it inherits that selection.",
    ],
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f3 = (x: number | null) => (x === null ? "-" : x.toFixed(3));

export function toGenreCardMarkdown(card: GenreModelCard): string {
  const m = card.metrics;
  return [
    `# Model card: ${card.model.name}`,
    "",
    `Version \`${card.model.version}\`, created ${card.model.createdAt}; code ${card.model.codeVersion ?? "unknown"}; trained on ${card.model.backend}.`,
    "",
    "## Model details",
    "",
    card.model.type + ".",
    "",
    `Licence: ${card.model.licence}`,
    "",
    "## Intended use",
    "",
    card.intendedUse.primary,
    "",
    `Users: ${card.intendedUse.users}`,
    "",
    "Out of scope:",
    ...card.intendedUse.outOfScope.map((s) => `- ${s}`),
    "",
    "## Factors",
    "",
    `Inputs: ${card.factors.inputs.join(", ")}. Every field except the title may be missing.`,
    "",
    `Never used: ${card.factors.notUsed.join("; ")}.`,
    "",
    `Languages: ${card.factors.languages}`,
    "",
    "## Metrics",
    "",
    "| evaluation | macro-F1 | accuracy | ECE | TF-IDF baseline macro-F1 |",
    "|---|---|---|---|---|",
    `| validation split | ${f3(m.validation.macroF1)} | ${f3(m.validation.accuracy)} | ${f3(m.validation.ece)} | ${f3(m.validation.baselineTfidfMacroF1)} |`,
    `| validation, hidden-sample fields only | ${f3(m.validationHiddenFields.macroF1)} | ${f3(m.validationHiddenFields.accuracy)} | ${f3(m.validationHiddenFields.ece)} | - |`,
    `| validation, trusted labels (${m.validationTrusted.books} books), hidden-sample fields only | ${f3(m.validationTrusted.macroF1)} | ${f3(m.validationTrusted.accuracy)} | ${f3(m.validationTrusted.ece)} | ${f3(m.validationTrusted.baselineTfidfMacroF1)} |`,
    `| refit, cross-validated on all labelled books | ${f3(m.refitCrossValidated.macroF1)} | ${f3(m.refitCrossValidated.accuracy)} | ${f3(m.refitCrossValidated.ece)} | ${f3(m.refitCrossValidated.baselineTfidfMacroF1)} |`,
    "",
    `Majority-class baseline macro-F1 on validation: ${f3(m.validation.baselineMajorityMacroF1)}.`,
    "",
    "Validation by language (macro-F1 where both classes occur, otherwise the error rate):",
    "",
    "| language | books | Fiction | macro-F1 | error rate |",
    "|---|---|---|---|---|",
    ...m.slicesByLanguage.map((s) => `| ${s.slice} | ${s.n} | ${s.fiction} | ${f3(s.macroF1)} | ${f3(s.errorRate)} |`),
    "",
    "## Thresholds",
    "",
    `Keep a prediction only when its calibrated probability reaches the class threshold: ${card.thresholds.map((t) => `${t.label} >= ${t.threshold === null ? "never" : t.threshold.toFixed(3)}`).join(", ")}. On ${card.thresholdCoverage.on} this kept ${pct(card.thresholdCoverage.coverage)} of the books at precision ${f3(card.thresholdCoverage.precision)}${m.validationTrusted ? `; on the ${m.validationTrusted.books} validation books whose annotation fits their record (hidden-sample fields), ${pct(m.validationTrusted.coverage)} at precision ${f3(m.validationTrusted.precision)}` : ""}.`,
    "",
    "## Training data",
    "",
    `${card.trainingData.description} ${card.trainingData.books} books (${card.trainingData.fiction} Fiction, ${card.trainingData.nonFiction} Non-fiction) from ${card.trainingData.rows} rows; extra weighted examples: ${card.trainingData.extraExamples}. File sha256 \`${card.trainingData.sha256}\`.`,
    "",
    "## Evaluation data",
    "",
    card.evaluationData,
    "",
    "## Limitations",
    "",
    ...card.limitations.map((s) => `- ${s}`),
    "",
    "## Ethical considerations",
    "",
    ...card.ethicalConsiderations.map((s) => `- ${s}`),
    "",
  ].join("\n");
}
