/**
 * Peak resident memory of this process in MiB. On Linux, getrusage's maxrss survives exec, so a
 * child spawned by a large parent (bench:ml spawning npm run predict) reported the parent's
 * peak; /proc/self/status's VmHWM belongs to this process's own memory map. Elsewhere, maxrss.
 */
import fs from "node:fs";

export function peakRssMiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back below.
  }
  return process.resourceUsage().maxRSS / 1024;
}
