import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { getServerEnv } from "@/lib/env";
import { vectorFilePath } from "@/lib/open-facets/paths";
import { buildIdIndex, topRows, trainOpenFacet } from "@/lib/open-facets/rank";
import { openStore } from "@/lib/store";
import { buildRandom, shuffleInPlace } from "@/ml/data/random";
import { readLabelledBooks } from "@/ml/data/read-labelled";
import { readVectorFile } from "@/ml/vectors/vector-file";

/**
 * `npm run open-facets:evaluate` (issue 9):
 * 1. "fiction" from 20 picks (random Fiction books of the annotation file's training split):
 *    precision@50/@200 among the labelled books not picked, against the human genre labels.
 * 2. "travel and topography" from 20 picks (books whose titles name a journey, tour or
 *    description of a place): top 50 written to Markdown for judging by hand.
 * 3. bench: training on 20 picks + scoring the collection (median, p95), vector file size.
 */
const program = new Command()
  .name("open-facets:evaluate")
  .option("--work-dir <dir>", "folder with store.sqlite and vectors/ (default: $WORK_DIR)")
  .option("--labels <csv>", "labels file (default: $BL_DATA_DIR/annotations/train_valid.csv)")
  .option("--repeats <n>", "bench repetitions", (v) => Number.parseInt(v, 10), 30);

const TRAVEL = /\b(travels?|journey|tour|voyages?|rambles?|excursions?|wanderings?|trip|reise|voyage|resa|guide to|description of|topograph)/i;

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const workDir = opts.workDir ?? env.WORK_DIR;
  const labelsFile = opts.labels ?? (env.BL_DATA_DIR ? path.join(env.BL_DATA_DIR, "annotations", "train_valid.csv") : null);
  if (!labelsFile) {
    console.error("open-facets:evaluate: no labels file: pass --labels or set BL_DATA_DIR");
    return 2;
  }
  const vecFile = vectorFilePath(workDir);
  const set = readVectorFile(vecFile);
  const index = buildIdIndex(set);
  const labelled = (await readLabelledBooks(labelsFile)).books.filter((b) => index.has(b.id));
  const random = buildRandom(20);

  // 1. Fiction.
  const fictionPool = shuffleInPlace(labelled.filter((b) => !b.isValid && b.y === 1).map((b) => b.id), random);
  const fictionPicks = fictionPool.slice(0, 20);
  const fiction = trainOpenFacet(set, index, fictionPicks, []);
  const picked = new Set(fictionPicks.map((id) => index.get(id)!));
  const labelOf = new Map(labelled.map((b) => [index.get(b.id)!, b.y]));
  const candidates = new Set([...labelOf.keys()].filter((r) => !picked.has(r)));
  const ranked = topRows(fiction.scores, candidates.size, { candidates });
  const precisionAt = (k: number) => ranked.slice(0, k).filter((r) => labelOf.get(r) === 1).length / Math.min(k, ranked.length);
  const fictionBase = [...candidates].filter((r) => labelOf.get(r) === 1).length / candidates.size;

  // 2. Travel and topography.
  const store = openStore(path.join(workDir, "store.sqlite"));
  const titleOf = (row: number) => store.getRecord(set.ids[row]!)?.title ?? "";
  const travelPool = shuffleInPlace(set.ids.map((_, r) => r).filter((r) => TRAVEL.test(titleOf(r))), buildRandom(21));
  const travelPickRows = travelPool.slice(0, 20);
  const travel = trainOpenFacet(set, index, travelPickRows.map((r) => set.ids[r]!), []);
  const travelTop = topRows(travel.scores, 50, { exclude: new Set(travelPickRows) });

  // 3. Bench.
  const times: number[] = [];
  for (let i = 0; i < opts.repeats; i++) {
    const picks = shuffleInPlace(fictionPool.slice(), buildRandom(100 + i)).slice(0, 20);
    const t0 = performance.now();
    trainOpenFacet(set, index, picks, []);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const bytes = fs.statSync(vecFile).size;

  const report = {
    createdAt: new Date().toISOString(),
    vectors: { file: vecFile, bytes, books: set.ids.length, dims: set.dims, meta: set.meta },
    fiction: { picks: fictionPicks, candidates: candidates.size, precisionAt50: precisionAt(50), precisionAt200: precisionAt(200), baseRate: fictionBase },
    travel: { picks: travelPickRows.map((r) => ({ id: set.ids[r], title: titleOf(r) })), top50: travelTop.map((r) => ({ id: set.ids[r], title: titleOf(r), score: travel.scores[r] })) },
    bench: { repeats: opts.repeats, medianMs: q(0.5), p95Ms: q(0.95), books: set.ids.length, machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version } },
  };
  store.close();
  const dir = path.join(workDir, "reports");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "open-facets.json"), `${JSON.stringify(report, null, 2)}\n`);
  const md = [
    "# Open facets: evaluation",
    "",
    `Vectors: ${set.ids.length} books x ${set.dims} dims, int8, ${(bytes / 1e6).toFixed(2)} MB (${vecFile}).`,
    "",
    "## Fiction from 20 picks",
    "",
    `Picks: 20 random Fiction books of the training split. Ranked: the ${candidates.size} other labelled books. Precision@50 ${report.fiction.precisionAt50.toFixed(3)}, precision@200 ${report.fiction.precisionAt200.toFixed(3)} (base rate of Fiction among them ${fictionBase.toFixed(3)}).`,
    "",
    "## Travel and topography from 20 picks: top 50 for judging by hand",
    "",
    `Picks: 20 random books whose title matches ${TRAVEL.source}.`,
    "",
    "| # | id | title | judged |",
    "|---:|---|---|---|",
    ...report.travel.top50.map((t, i) => `| ${i + 1} | ${t.id} | ${t.title.replace(/\|/g, "/").slice(0, 160)} | ? |`),
    "",
    "## Bench",
    "",
    `Train on 20 picks + 1,000 random negatives and score ${set.ids.length} books: median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms over ${opts.repeats} runs (${report.bench.machine.cpus} x ${report.bench.machine.cpu}, Node ${process.version}).`,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "open-facets.md"), md);
  console.log(md);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`open-facets:evaluate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
