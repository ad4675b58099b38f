import path from "node:path";

/**
 * How to launch the production server (scripts/serve.ts: Next as a custom server with the fast
 * API path). `npm start`, the end-to-end tests and the bench all start it this way, so what is
 * tested and measured is what users run. `--import tsx` instead of the tsx binary: one process,
 * not a wrapper plus a child, so signals, pids and memory figures are the server's own.
 */
export function buildServeCommand(root: string, port: number, hostname: string): { command: string; args: string[] } {
  return {
    command: process.execPath,
    args: ["--import", "tsx", path.join(root, "scripts", "serve.ts"), "--port", String(port), "--hostname", hostname],
  };
}
