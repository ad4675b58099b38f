import fs from "node:fs";
import os from "node:os";
import { Command } from "@commander-js/extra-typings";
import { getServerEnv } from "@/lib/env";
import { vectorFilePath } from "@/lib/open-facets/paths";
import { buildIdIndex, trainOpenFacet } from "@/lib/open-facets/rank";
import { buildRandom, shuffleInPlace } from "@/ml/data/random";
import { readVectorFile } from "@/ml/vectors/vector-file";

/** `npm run bench:open-facets`: train an open facet on 20 random picks and score every book (issue 9 target: <= 300 ms). */
const program = new Command()
  .name("bench:open-facets")
  .option("--work-dir <dir>", "folder with vectors/ (default: $WORK_DIR)")
  .option("--repeats <n>", "runs", (v) => Number.parseInt(v, 10), 30)
  .option("--picks <n>", "positive picks per run", (v) => Number.parseInt(v, 10), 20);

function main(): number {
  const opts = program.parse().opts();
  const file = vectorFilePath(opts.workDir ?? getServerEnv().WORK_DIR);
  const t0 = performance.now();
  const set = readVectorFile(file);
  const index = buildIdIndex(set);
  const loadMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < opts.repeats; i++) {
    const picks = shuffleInPlace(set.ids.slice(), buildRandom(500 + i)).slice(0, opts.picks);
    const t = performance.now();
    trainOpenFacet(set, index, picks, []);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(`open facet: ${opts.picks} picks + 1,000 random negatives, train + score ${set.ids.length} books x ${set.dims} dims`);
  console.log(`  median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms over ${opts.repeats} runs (${(set.ids.length / (q(0.5) / 1000)).toFixed(0)} books/s scored incl. training)`);
  console.log(`  vector file ${(fs.statSync(file).size / 1e6).toFixed(2)} MB (${file}); load ${loadMs.toFixed(0)} ms`);
  console.log(`  machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "?"}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, Node ${process.version}`);
  return 0;
}

try {
  process.exit(main());
} catch (error) {
  console.error(`bench:open-facets: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
