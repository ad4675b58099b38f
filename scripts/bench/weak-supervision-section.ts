import path from "node:path";
import { parseRecordsFile } from "@/lib/records/parse";
import type { LoadedTf } from "@/ml/backend/load-tf";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { benchWeakSupervision, toWeakSupervisionBenchLines, type WeakSupervisionBench } from "@/ml/labelling/weak-supervision";

/**
 * `npm run bench:ml` section for issue 6: labelling functions, label model, weak set and one
 * training run with the weak labels, timed together against the 90 s budget (wall and CPU).
 * Reading the CSV files is not timed: that is the parser's benchmark.
 */
export async function runWeakSupervisionSection(
  dataDir: string,
  tf: LoadedTf,
  options: { titleOnly?: boolean; measureLift?: boolean; print?: (line: string) => void } = {},
): Promise<WeakSupervisionBench> {
  const print = options.print ?? console.log;
  const collection = await parseRecordsFile(path.join(dataDir, "bl-digitised-books.csv"));
  const labels = await readLabelledBooks(path.join(dataDir, "annotations", "train_valid.csv"));
  const bench = await benchWeakSupervision(collection.records, labels.books, tf, options);
  for (const line of toWeakSupervisionBenchLines(bench)) print(line);
  return bench;
}
