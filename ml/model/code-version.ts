/** The git commit the code ran from (null outside a git checkout) and whether ml/ had local edits. */
import { execFileSync } from "node:child_process";

export function readCodeVersion(cwd: string = process.cwd()): { commit: string | null; dirty: boolean | null } {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    const status = execFileSync("git", ["status", "--porcelain", "--", "ml", "scripts"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString();
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    // Not a git checkout (e.g. an unpacked release): the version is simply unknown.
    return { commit: null, dirty: null };
  }
}
