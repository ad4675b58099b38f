import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env";
import { vectorFilePath } from "@/lib/open-facets/paths";
import { openStore } from "@/lib/store";
import { buildTestRecord } from "@/lib/testing/book-record";
import { readVectorFile } from "@/ml/vectors/vector-file";
import type { SetupContext } from "./steps";
import { buildVectorsIfNeeded } from "./vectors-step";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function makeContext(titles: string[]): { ctx: SetupContext; lines: string[]; workDir: string } {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "vectors-step-"));
  dirs.push(workDir);
  const store = openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords(titles.map((t, i) => buildTestRecord(String(i + 1), t)));
  store.close();
  const lines: string[] = [];
  return { ctx: { env: parseServerEnv({ WORK_DIR: workDir }), root: workDir, log: (l) => lines.push(l), state: {} }, lines, workDir };
}

describe("npm start: the book vectors step", () => {
  it("builds the file when missing, leaves it when current, rebuilds it after the records change", async () => {
    const { ctx, lines, workDir } = makeContext(["A Voyage to the South Seas", "Poems of the Fireside", "The Geology of the Thames"]);
    const file = vectorFilePath(workDir);
    await buildVectorsIfNeeded(ctx);
    expect(lines.join("\n")).toContain(`building book vectors: no vector file at ${file}`);
    expect(readVectorFile(file).ids).toEqual(["1", "2", "3"]);
    const mtime = fs.statSync(file).mtimeMs;

    lines.length = 0;
    await buildVectorsIfNeeded(ctx);
    expect(lines).toEqual([`book vectors up to date (${file})`]);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);

    const store = openStore(path.join(workDir, "store.sqlite"));
    store.upsertRecords([buildTestRecord("4", "Letters from the Crimea")]);
    store.close();
    lines.length = 0;
    await buildVectorsIfNeeded(ctx);
    expect(lines[0]).toBe("building book vectors: it was built from other records than the store holds");
    expect(readVectorFile(file).ids).toHaveLength(4);
  });

  it("rebuilds a corrupt file, naming why", async () => {
    const { ctx, lines, workDir } = makeContext(["A Voyage to the South Seas"]);
    fs.mkdirSync(path.dirname(vectorFilePath(workDir)), { recursive: true });
    fs.writeFileSync(vectorFilePath(workDir), "not a vector file");
    await buildVectorsIfNeeded(ctx);
    expect(lines[0]).toMatch(/^building book vectors: .*(corrupt|not a vector file|magic)/i);
    expect(readVectorFile(vectorFilePath(workDir)).ids).toEqual(["1"]);
  });
});
