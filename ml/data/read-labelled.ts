/** Reads the labels file with the project's record parser and groups it into books. */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { parseRecordsFile } from "@/lib/records/parse";
import type { RejectedRow } from "@/lib/records/types";
import { toLabelledBooks, type LabelProblem, type LabelledBook } from "./labelled-books";

export interface LabelledData {
  books: LabelledBook[];
  /** Rows the record parser rejected (with line numbers). */
  rejected: RejectedRow[];
  /** Rows without a usable label. */
  problems: LabelProblem[];
  rows: number;
  /** sha256 of the file bytes: recorded with every model trained on it. */
  sha256: string;
  file: string;
}

export async function readLabelledBooks(file: string): Promise<LabelledData> {
  const sha256 = createHash("sha256").update(await fs.promises.readFile(file)).digest("hex");
  const parsed = await parseRecordsFile(file, { duplicates: "keep" });
  const { books, problems } = toLabelledBooks(parsed.records);
  return { books, rejected: parsed.rejected, problems, rows: parsed.stats.rows, sha256, file };
}
