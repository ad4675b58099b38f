import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getBuildState } from "./build";

const dirs: string[] = [];
function makeRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-state-"));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, "app"));
  fs.writeFileSync(path.join(dir, "app", "page.tsx"), "export {}");
  return dir;
}
function touch(file: string, secondsFromNow: number) {
  const t = new Date(Date.now() + secondsFromNow * 1000);
  fs.utimesSync(file, t, t);
}

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("getBuildState", () => {
  it("is missing without .next/BUILD_ID", () => {
    expect(getBuildState(makeRoot()).state).toBe("missing");
  });

  it("is fresh when the build is newer than every input, stale when a source changes after it", () => {
    const root = makeRoot();
    fs.mkdirSync(path.join(root, ".next"));
    const buildId = path.join(root, ".next", "BUILD_ID");
    fs.writeFileSync(buildId, "x");
    touch(path.join(root, "app", "page.tsx"), -60);
    touch(path.join(root, "app"), -60);
    expect(getBuildState(root).state).toBe("fresh");
    touch(path.join(root, "app", "page.tsx"), 60);
    expect(getBuildState(root).state).toBe("stale");
  });

  it("ignores test files", () => {
    const root = makeRoot();
    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    touch(path.join(root, "app", "page.tsx"), -60);
    const test = path.join(root, "app", "page.test.ts");
    fs.writeFileSync(test, "");
    touch(test, 60);
    touch(path.join(root, "app"), -60);
    expect(getBuildState(root).state).toBe("fresh");
  });
});
