/**
 * A datasheet for the training data (Gebru et al. 2021) with the GLAM additions the study asks
 * for: the selection bias of what was digitised and the metadata standards. The prose names the
 * sources; every figure comes from model.json, metrics.json or the sample inspector's cached report.
 */
import type { ModelArtifacts } from "./artifacts";
import type { SampleInspectorReport } from "./sample-inspector-data";

export interface DatasheetSection {
  heading: string;
  items: string[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function buildDatasheet(a: ModelArtifacts, inspector: SampleInspectorReport | null): DatasheetSection[] {
  const t = a.meta.trainingData;
  const m = a.metrics;
  const selection: string[] = [
    "Only books the British Library digitised (with Microsoft, 2007-2009, and later programmes) are in the collection; digitisation favoured out-of-copyright printed books held in London, so the collection is not the 19th century's print output.",
  ];
  if (inspector) {
    for (const c of inspector.comparisons) {
      selection.push(`${c.title}: ${c.summary}${c.readings.length > 0 ? `; ${c.readings.join("; ")}` : ""}.`);
    }
  } else {
    selection.push("The sample inspector has not been built yet (open /about/data once to compute it): the comparison of the labelled sample with the collection is not shown here.");
  }
  return [
    {
      heading: "Motivation",
      items: [
        "Created by the Living with Machines project to train and evaluate genre classifiers for the British Library's digitised 19th-century books, so that Fiction and Non-fiction can be found at scale where the catalogue has no genre.",
      ],
    },
    {
      heading: "Composition",
      items: [
        `File ${t.file}: ${t.rows} annotation rows grouped into ${t.books} books (${t.fiction} Fiction, ${t.nonFiction} Non-fiction; ${pct(t.books > 0 ? t.fiction / t.books : 0)} Fiction). SHA-256 ${t.sha256}.`,
        `Split: ${m.splits.trainBooks} training and ${m.splits.validBooks} validation books (the file's is_valid column); ${m.splits.folds}-fold grouped cross-validation for the refit.`,
        t.extraExamples > 0 ? `${t.extraExamples} weakly labelled extra examples were added to training.` : "No weakly labelled extra examples were used for this model.",
        `${m.suspectLabels.length} books have a confident held-out prediction contradicting their human label; they are reported for review, not corrected.`,
      ],
    },
    {
      heading: "Collection process",
      items: [
        "BL staff labelled books from the title page and catalogue record, with free-text FAST genre and subject terms alongside the Fiction/Non-fiction decision; several annotation rows can describe one book.",
      ],
    },
    {
      heading: "Preprocessing",
      items: [
        "Rows are grouped into books by BL record ID; rows without a usable label are reported and not used; annotator_* columns are never used as features because they were written with the label; the annotated place and publisher are compared with the record only to flag labels made for another book (ml/data/annotation-join.ts), which stay out of training.",
      ],
    },
    { heading: "Selection bias of what was digitised (GLAM)", items: selection },
    {
      heading: "Metadata standards (GLAM)",
      items: [
        "Catalogue fields come from the BL catalogue export (MARC 21 records flattened to CSV: names with dates and roles, place, publisher, date of publication, edition, physical description, Dewey, shelfmark, topics, genre, languages).",
        "Annotations add FAST (Faceted Application of Subject Terminology) genre and subject terms; languages are catalogue language names, and the title-language facet maps ISO 639 codes from fastText lid.176 to the same names.",
        ...(inspector ? inspector.completeness.map((f) => `${f.field}: present in ${pct(f.sample)} of sample books and ${pct(f.collection)} of collection records.`) : []),
      ],
    },
    {
      heading: "Uses, distribution and maintenance",
      items: [
        "Catalogue metadata CC0; annotations CC BY 4.0 (Living with Machines). The model folder, card and predictions are offered on /about/downloads with SHA-256 checksums, for deposit with a DOI next to the dataset.",
        `This datasheet is regenerated with every model: it describes model ${a.version}.`,
      ],
    },
  ];
}
