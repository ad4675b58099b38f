import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** A fixture server of a spec's own (its own WORK_DIR), for specs that must write to that store. */
export const ROOT = path.resolve(import.meta.dirname, "..");

export async function startOwnServer(port: number, env: Record<string, string> = {}): Promise<{ server: ChildProcess; workDir: string; base: string }> {
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["tsx", "e2e/serve-fixture.ts", "--port", String(port)], {
    cwd: ROOT,
    env: { ...process.env, NEXTAUTH_SECRET: `e2e-own-${process.pid}-${Date.now()}-padding`, NEXTAUTH_URL: base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  server.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  server.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 380_000;
  let workDir = "";
  for (;;) {
    const m = /\[serve-fixture\] WORK_DIR (\S+)/.exec(output);
    if (m?.[1]) workDir = m[1];
    if (workDir && (await fetch(`${base}/api/health`).then((r) => r.ok, () => false))) return { server, workDir, base };
    if (server.exitCode !== null) throw new Error(`fixture server exited:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`fixture server did not come up:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function stopOwnServer(server: ChildProcess | undefined): void {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // Already gone.
  }
}
