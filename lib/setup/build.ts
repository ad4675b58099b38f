import fs from "node:fs";
import path from "node:path";

/** What a production build depends on: if any of it is newer than the build, the build is stale. */
export const BUILD_INPUTS = ["app", "components", "lib", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"] as const;

const SKIP_DIRS = new Set(["node_modules", ".next", "work", "fixtures"]);

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry, { withFileTypes: true })) {
    if (child.isDirectory() && SKIP_DIRS.has(child.name)) continue;
    // Tests do not go into the build; editing one should not force a rebuild.
    if (child.isFile() && /\.test\.tsx?$/.test(child.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child.name)));
  }
  return newest;
}

export type BuildState = { state: "missing" } | { state: "stale"; newerInput: number } | { state: "fresh" };

/** Whether `<root>/.next` holds a production build at least as new as every build input. */
export function getBuildState(root: string): BuildState {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return { state: "missing" };
  const built = fs.statSync(buildId).mtimeMs;
  const newest = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(root, p))));
  return newest > built ? { state: "stale", newerInput: newest } : { state: "fresh" };
}
