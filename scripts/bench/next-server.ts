import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildServeCommand } from "@/lib/setup/serve-command";

/** The production server for the bench (scripts/serve.ts, as `npm start` runs it), on 127.0.0.1 and a port of the caller's choosing. */
export interface RunningServer {
  url: string;
  pid: number;
  /** Resident memory of the server and its child processes, MiB. */
  rssMiB(): number;
  /** CPU time (user + system) used so far by the server and its child processes, ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export class ServerStartError extends Error {
  override name = "ServerStartError";
}

const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

export function hasBuild(cwd: string): boolean {
  return fs.existsSync(path.join(cwd, ".next", "BUILD_ID"));
}

export async function buildNext(cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, "build"], { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new ServerStartError(`next build exited with code ${code}`))));
  });
  return (performance.now() - started) / 1000;
}

export async function startNext(opts: { cwd: string; port: number; env: NodeJS.ProcessEnv; readyTimeoutMs?: number }): Promise<RunningServer & { readyMs: number; health: unknown }> {
  const url = `http://127.0.0.1:${opts.port}`;
  const log: string[] = [];
  const started = performance.now();
  const serve = buildServeCommand(opts.cwd, opts.port, "127.0.0.1");
  const child: ChildProcess = spawn(serve.command, serve.args, {
    cwd: opts.cwd,
    env: { ...opts.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: number | null = null;
  child.on("exit", (code) => (exited = code ?? -1));

  const stop = async () => {
    if (exited !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    });
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  let health: unknown = null;
  for (;;) {
    if (exited !== null) throw new ServerStartError(`server exited with code ${exited}:\n${log.join("").slice(-3000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new ServerStartError(`server not healthy within ${opts.readyTimeoutMs ?? 180_000} ms:\n${log.join("").slice(-3000)}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      health = await res.json();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid as number;
  return { url, pid, rssMiB: () => treeRssMiB(pid), cpuMs: () => treeCpuMs(pid), stop, readyMs: performance.now() - started, health };
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // process ended while listing
    }
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU time of a process tree (utime + stime from /proc, clock ticks of 10 ms). On a shared machine
 * wall-clock latency mixes in other people's work; CPU per request does not, and bounds throughput.
 */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of descendants(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}

/** Sums VmRSS over a process and its descendants (Linux /proc). */
export function treeRssMiB(root: number): number {
  let kib = 0;
  for (const pid of descendants(root)) {
    try {
      const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      kib += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kib / 1024;
}
