import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { workPaths } from "@/lib/env";

/**
 * Start `scripts/worker.ts --job <id>` as its own detached process: the web server only
 * queues the job and reads its state back from the store; the worker's stderr goes to
 * <WORK_DIR>/logs/worker-<id>.log for crashes that happen before it can open the store.
 */
export function spawnWorker(jobId: number, root = process.cwd()): number {
  const logs = path.join(workPaths().root, "logs");
  fs.mkdirSync(logs, { recursive: true });
  const out = fs.openSync(path.join(logs, `worker-${jobId}.log`), "a");
  try {
    const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
    const child = spawn(process.execPath, [tsx, path.join(root, "scripts", "worker.ts"), "--job", String(jobId)], {
      cwd: root,
      detached: true,
      stdio: ["ignore", out, out],
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV === "test" ? "test" : "production" },
    });
    child.unref();
    if (child.pid === undefined) throw new Error("the worker process did not start");
    return child.pid;
  } finally {
    fs.closeSync(out);
  }
}
