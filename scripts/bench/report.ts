import fs from "node:fs";
import path from "node:path";
import { BenchSetupError } from "./dataset";
import { ServerStartError } from "./next-server";

/** Writes a bench's printed lines to `<workDir>/reports/<name>-<timestamp>.txt` and says where. */
export function writeBenchReport(workDir: string, name: string, lines: readonly string[]): string {
  const reportDir = path.join(workDir, "reports");
  fs.mkdirSync(reportDir, { recursive: true });
  const reportFile = path.join(reportDir, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.txt`);
  fs.writeFileSync(reportFile, lines.join("\n") + "\n");
  console.log(`report written to ${reportFile}`);
  return reportFile;
}

/** Runs a bench's main and exits with its code; set-up failures print one line naming what is missing. */
export function runBench(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof BenchSetupError || error instanceof ServerStartError) console.error(`${name}: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}
