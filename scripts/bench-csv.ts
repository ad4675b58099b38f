import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { Command } from "@commander-js/extra-typings";
import { parse as csvParse } from "csv-parse";
import Papa from "papaparse";
import { getServerEnv, workPaths } from "@/lib/env";
import { CsvScanner } from "@/lib/records/csv-scanner";
import { COLLECTION_FILE, chooseDataDir } from "@/lib/records/data-files";
import { streamRecordsFile } from "@/lib/records/parse";

/**
 * `npx tsx scripts/bench-csv.ts`: CSV reading speed on a ~1M-row file resampled from the real
 * collection (written once to <WORK_DIR>/bench/). Compares csv-parse, papaparse and the
 * project's scanner (rows only), then the full record parser (all fields, lean) and a
 * predict-shaped CSV-in -> CSV-out pass. Prints median and spread over --runs.
 */
const program = new Command()
  .name("bench-csv")
  .description("Measure CSV parsing throughput (csv-parse vs papaparse vs lib/records) on a resampled 1M-row collection.")
  .option("--rows <n>", "rows in the resampled file", (v) => Number(v), 1_000_000)
  .option("--runs <n>", "runs per method (median reported)", (v) => Number(v), 3)
  .option("--only <names>", "comma-separated subset of methods");

interface Method {
  name: string;
  note: string;
  run(file: string): Promise<number>;
}

const methods: Method[] = [
  {
    name: "csv-parse",
    note: "stream, strict quotes, info for line numbers",
    async run(file) {
      let rows = 0;
      const parser = fs.createReadStream(file).pipe(csvParse({ info: true, bom: true, relax_column_count: true }));
      for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (rec.info.lines > 0) rows++;
      }
      return rows - 1;
    },
  },
  {
    name: "papaparse",
    note: "stream, step per row (no line numbers available)",
    run(file) {
      return new Promise((resolve, reject) => {
        let rows = 0;
        Papa.parse(fs.createReadStream(file) as unknown as File, {
          step: () => void rows++,
          complete: () => resolve(rows - 1),
          error: reject,
        });
      });
    },
  },
  {
    name: "papaparse-chunk",
    note: "stream, chunk callbacks",
    run(file) {
      return new Promise((resolve, reject) => {
        let rows = 0;
        Papa.parse(fs.createReadStream(file) as unknown as File, {
          chunk: (r: Papa.ParseResult<unknown>) => void (rows += r.data.length),
          complete: () => resolve(rows - 1),
          error: reject,
        });
      });
    },
  },
  {
    name: "scanner",
    note: "lib/records/csv-scanner: rows with line numbers and quote recovery",
    async run(file) {
      let rows = 0;
      const scanner = new CsvScanner({ onRow: () => void rows++, onBadRow: () => undefined });
      // Same reading as papaparse gets (64 KB utf8 stream), so the comparison is of parsing alone.
      for await (const chunk of fs.createReadStream(file, { encoding: "utf8" })) scanner.feed(chunk as string);
      scanner.end();
      return rows - 1;
    },
  },
  {
    name: "records-all",
    note: "streamRecordsFile: BookRecords, every column in fields, UTF-8 check, rejects",
    async run(file) {
      let rows = 0;
      for await (const b of streamRecordsFile(file)) rows += b.records.length + b.rejected.length;
      return rows;
    },
  },
  {
    name: "records-lean",
    note: "streamRecordsFile with fields: none (prediction input)",
    async run(file) {
      let rows = 0;
      for await (const b of streamRecordsFile(file, { fields: "none", duplicates: "keep" })) rows += b.records.length + b.rejected.length;
      return rows;
    },
  },
  {
    name: "records-lean+csv-out",
    note: "lean parse + writing id,title-length,year CSV (predict-shaped I/O, no model)",
    async run(file) {
      let rows = 0;
      const out = fs.createWriteStream(`${file}.out.csv`);
      out.write("id,value,confidence\n");
      for await (const b of streamRecordsFile(file, { fields: "none", duplicates: "keep" })) {
        let text = "";
        for (const r of b.records) text += `${r.id},${r.title.length % 2 ? "Fiction" : "Non-fiction"},${(r.year ?? 0) / 3000}\n`;
        if (!out.write(text)) await once(out, "drain");
        rows += b.records.length + b.rejected.length;
      }
      out.end();
      await once(out, "finish");
      fs.rmSync(`${file}.out.csv`);
      return rows;
    },
  },
];

/** Resample the collection to `rows` rows with unique ids (deterministic), once. */
async function buildBenchFile(source: string, target: string, rows: number): Promise<void> {
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const lines = fs.readFileSync(source, "utf8").split(/\r?\n/).filter((l) => l !== "");
  const header = lines[0]!;
  // Only single-line rows can be resampled by line; the collection file has no multi-line fields.
  const body = lines.slice(1);
  const out = fs.createWriteStream(`${target}.part`);
  out.write(`${header}\r\n`);
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const line = body[Math.floor(rand() * body.length)]!;
    const comma = line.indexOf(",");
    chunk += `${line.slice(0, comma)}-${i}${line.slice(comma)}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  fs.renameSync(`${target}.part`, target);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  const paths = workPaths(env);
  const source = path.join(chooseDataDir({ BL_DATA_DIR: env.BL_DATA_DIR, WORK_DIR: paths.root }).dir, COLLECTION_FILE);
  if (!fs.existsSync(source)) {
    console.error(`bench-csv: ${source} not found; set BL_DATA_DIR (see docs/data.md).`);
    process.exitCode = 2;
    return;
  }
  const file = path.join(paths.root, "bench", `collection-${opts.rows}.csv`);
  await buildBenchFile(source, file, opts.rows);
  const mb = fs.statSync(file).size / 1e6;
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? "?"} x${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load avg ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  console.log(`file: ${file} (${opts.rows} rows, ${mb.toFixed(0)} MB), runs: ${opts.runs}\n`);
  const only = opts.only?.split(",");
  console.log("method                 rows      median s  min s    max s    rows/s (median)  MB/s   CPU s (median)");
  for (const m of methods.filter((x) => !only || only.includes(x.name))) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let rows = 0;
    for (let i = 0; i < opts.runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      rows = await m.run(file);
      times.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1e6);
    }
    const med = median(times);
    console.log(
      `${m.name.padEnd(22)} ${String(rows).padEnd(9)} ${med.toFixed(2).padEnd(9)} ${Math.min(...times).toFixed(2).padEnd(8)} ${Math.max(...times).toFixed(2).padEnd(8)} ${Math.round(rows / med).toLocaleString("en").padEnd(16)} ${(mb / med).toFixed(0).padEnd(6)} ${median(cpuTimes).toFixed(2)}   ${m.note}`,
    );
  }
}

await main();
