import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";

/** A fixture server of a spec's own (its own WORK_DIR), for specs that must write to that store. */
export const ROOT = path.resolve(import.meta.dirname, "..");

/** `args` are extra serve-fixture flags (e.g. `--model`, `--labels <csv>`); `env` overrides the server's environment. */
export async function startOwnServer(port: number, env: Record<string, string> = {}, args: readonly string[] = []): Promise<{ server: ChildProcess; workDir: string; base: string }> {
  const base = `http://127.0.0.1:${port}`;
  const server = spawn("npx", ["tsx", "e2e/serve-fixture.ts", "--port", String(port), ...args], {
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

export interface StaffLogin {
  email: string;
  password: string;
}

/** Adds a staff account to a server's store the way an operator would (`npm run staff add`). */
export function addStaffAccount(workDir: string, account: StaffLogin, role: "staff" | "admin" | "none" = "staff"): void {
  const file = path.join(os.tmpdir(), `e2e-pw-${process.pid}-${Date.now()}`);
  fs.writeFileSync(file, `${account.password}\n`, { mode: 0o600 });
  try {
    const added = spawnSync("npm", ["run", "-s", "staff", "--", "add", account.email, "--role", role, "--password-file", file], { cwd: ROOT, env: { ...process.env, WORK_DIR: workDir }, encoding: "utf8" });
    if (added.status !== 0) throw new Error(`npm run staff add failed: ${added.stderr}`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Signs in on the sign-in page and lands on `callbackUrl`. */
export async function signInAs(page: Page, base: string, account: StaffLogin, callbackUrl: string): Promise<void> {
  await page.goto(`${base}/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Builds the book vectors (open facets) into a server's WORK_DIR, as `npm start` would. */
export function buildVectorsFor(workDir: string): void {
  const built = spawnSync("npx", ["tsx", "scripts/vectors-build.ts", "--no-progress"], { cwd: ROOT, env: { ...process.env, WORK_DIR: workDir }, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`vectors:build failed: ${built.stderr}`);
}
