import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { workPaths } from "@/lib/env";

/**
 * Start `scripts/worker.ts --job <id>` as its own detached process: the web server only
 * queues the job and reads its state back from the store; the worker's stderr goes to
 * <WORK_DIR>/logs/worker-<id>.log for crashes that happen before it can open the store.
 */
export function spawnWorker(jobId: number, root = process.cwd(), extraArgs: string[] = []): number {
  const logs = path.join(workPaths().root, "logs");
  fs.mkdirSync(logs, { recursive: true });
  const out = fs.openSync(path.join(logs, `worker-${jobId}.log`), "a");
  try {
    // `node --import tsx` rather than the tsx CLI: one process, so the pid the job records is the worker's own.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "worker.ts"), "--job", String(jobId), ...extraArgs], {
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
