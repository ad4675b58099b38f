import type { BookRecord } from "@/lib/records/types";
import type { Store } from "@/lib/store/types";

/**
 * A RIS citation (the tagged format reference managers import) for one book. The predicted genre
 * goes in a note that says it was machine-generated, with its confidence and model version, so it
 * can never pass for a catalogue value once it sits in someone's bibliography.
 */

export interface RisPrediction {
  value: string;
  confidence: number;
  modelVersion: string;
}

export interface RisOptions {
  genre?: RisPrediction | null;
  /** Absolute URL of the record page, cited as a second link. */
  recordUrl?: string;
}

/** RIS values are one line each; tags are two characters, then two spaces, a hyphen, a space. */
function line(tag: string, value: string | number | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const text = String(value).replace(/[\r\n]+/g, " ").replace(/\s+/g, " ").trim();
  return text === "" ? [] : [`${tag}  - ${text}`];
}

/** Catalogue names carry role suffixes ("[person]") and dates that a citation does not need. */
export function toRisAuthor(name: string): string {
  return name.replace(/\s*\[[^\]]*\]\s*$/, "").replace(/,\s*$/, "").trim();
}

export function buildRis(record: BookRecord, options: RisOptions = {}): string {
  const authors = [...new Set([record.name, ...record.allNames].filter((n): n is string => Boolean(n)).map(toRisAuthor).filter(Boolean))];
  const notes: string[] = [];
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  if (record.catalogueGenre) notes.push(sentence(`Catalogue genre: ${record.catalogueGenre}`));
  if (options.genre) {
    notes.push(
      `Genre predicted by machine learning (not catalogued): ${options.genre.value}, confidence ${options.genre.confidence.toFixed(2)}, model ${options.genre.modelVersion}.`,
    );
  }
  if (record.shelfmark) notes.push(sentence(`BL shelfmark: ${record.shelfmark}`));
  const out = [
    ...line("TY", "BOOK"),
    ...line("ID", record.id),
    ...line("TI", record.title),
    ...authors.flatMap((a) => line("AU", a)),
    ...line("PY", record.year ?? record.dateRaw),
    ...record.places.flatMap((p) => line("CY", p)),
    ...line("PB", record.publisher),
    ...line("ET", record.edition),
    ...line("UR", record.link),
    ...line("UR", options.recordUrl),
    ...line("N1", notes.join(" ")),
    ...line("DB", "British Library, Microsoft Digitised Books"),
    "ER  - ",
  ];
  return `${out.join("\r\n")}\r\n`;
}

/** The live genre prediction of one record, with the model version users see. */
export function getLiveGenre(store: Pick<Store, "getCurrentVersion" | "listPredictionVersions" | "getPredictionHistory">, recordId: string): RisPrediction | null {
  const current = store.getCurrentVersion("genre");
  if (!current) return null;
  const p = store.getPredictionHistory(recordId).find((h) => h.generator === "genre" && h.version === current);
  if (!p) return null;
  const meta = store.listPredictionVersions("genre").find((v) => v.version === current)?.meta ?? {};
  return { value: p.value, confidence: p.confidence, modelVersion: typeof meta.modelVersion === "string" ? meta.modelVersion : current };
}

/** `<title words>-<id>.ris`, safe in a Content-Disposition header. */
export function toRisFilename(record: Pick<BookRecord, "id" | "title">): string {
  const words = record.title.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).toLowerCase();
  return `${words || "book"}-${record.id.replace(/[^A-Za-z0-9_-]/g, "")}.ris`;
}
