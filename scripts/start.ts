/**
 * `npm start`: does whatever is missing, in order (see lib/setup/steps.ts), then serves the portal
 * with scripts/serve.ts (Next as a custom server) on PORT (default 3000) and prints the URL.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { Command } from "@commander-js/extra-typings";
import { ConfigError, getServerEnv } from "@/lib/env";
import { registerMlSetupSteps } from "@/lib/setup/ml-steps";
import { buildServeCommand } from "@/lib/setup/serve-command";
import { SetupError, runSetup } from "@/lib/setup/steps";

const ROOT = path.resolve(import.meta.dirname, "..");

const program = new Command()
  .name("start")
  .description(
    "Prepare and serve the portal: resolve the BL data (BL_DATA_DIR, else download into WORK_DIR/data), ingest it when the store is empty or the file changed, " +
      "create .env.local secrets on first run, run the ML hook steps, build when the build is missing or stale, then serve on PORT.",
  )
  .option("--setup-only", "do every step but do not start the server", false)
  .option("--hostname <host>", "address to listen on", "0.0.0.0");

async function main(): Promise<number> {
  const opts = program.parse().opts();
  const env = getServerEnv();
  registerMlSetupSteps();
  await runSetup({ env, root: ROOT, log: (line) => console.log(line), state: {} });
  if (opts.setupOnly) return 0;

  const url = `http://localhost:${env.PORT}`;
  console.log(`[start] serving on ${url} (engine: ${env.MEILI_URL ? `Meilisearch at ${env.MEILI_URL}` : "embedded"}; Ctrl+C stops)`);
  const serve = buildServeCommand(ROOT, env.PORT, opts.hostname);
  const server = spawn(serve.command, serve.args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: env.NEXTAUTH_URL ?? url },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  return new Promise((resolve) => server.on("exit", (code) => resolve(code ?? 0)));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SetupError || error instanceof ConfigError) {
      console.error(`\n[start] stopped: ${error.message}`);
      return process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
