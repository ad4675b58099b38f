import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env";
import { openStore } from "@/lib/store";
import { ML_SETUP_STEPS, SETUP_STEPS, runSetup, type SetupContext, type SetupStep } from "./steps";

const FIXTURE = path.resolve(import.meta.dirname, "../../e2e/fixtures/collection.csv");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  delete ML_SETUP_STEPS["train-or-load-model"];
});

function makeContext(): { ctx: SetupContext; lines: string[]; dataDir: string; workDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "setup-steps-"));
  dirs.push(root);
  const dataDir = path.join(root, "data");
  const workDir = path.join(root, "work");
  fs.mkdirSync(dataDir);
  fs.copyFileSync(FIXTURE, path.join(dataDir, "bl-digitised-books.csv"));
  const lines: string[] = [];
  const env = parseServerEnv({ BL_DATA_DIR: dataDir, WORK_DIR: workDir });
  return { ctx: { env, root, log: (l) => lines.push(l), state: {} }, lines, dataDir, workDir };
}

const step = (name: string) => SETUP_STEPS.find((s) => s.name === name) as SetupStep;

describe("setup steps", () => {
  it("are in the documented order, with the ML hook points between ingest and build", () => {
    expect(SETUP_STEPS.map((s) => s.name)).toEqual(["resolve-data", "ingest", "secrets", "vectors", "train-or-load-model", "generate-ml-facets", "build"]);
  });

  it("ingest when the store is empty, skip when the input is unchanged, ingest again when it changes", async () => {
    const { ctx, lines, dataDir, workDir } = makeContext();
    await runSetup(ctx, [step("resolve-data"), step("ingest")]);
    expect(lines.some((l) => l.includes("store is empty: ingesting"))).toBe(true);
    const store = openStore(path.join(workDir, "store.sqlite"));
    expect(store.countRecords()).toBe(30);
    store.close();

    lines.length = 0;
    await runSetup({ ...ctx, state: {} }, [step("resolve-data"), step("ingest")]);
    expect(lines.some((l) => l.includes("store up to date: 30 records"))).toBe(true);

    const csv = path.join(dataDir, "bl-digitised-books.csv");
    fs.writeFileSync(csv, fs.readFileSync(csv, "utf8").replace("The Vicar's Daughter", "The Vicar's Daughters"));
    lines.length = 0;
    await runSetup({ ...ctx, state: {} }, [step("resolve-data"), step("ingest")]);
    expect(lines.some((l) => l.includes("input changed since the last ingest"))).toBe(true);
    const after = openStore(path.join(workDir, "store.sqlite"));
    expect(after.getRecord("090000001")?.title).toBe("The Vicar's Daughters. A novel");
    after.close();
  });

  it("runs a registered ML hook and goes on past one that nobody registered", async () => {
    const { ctx } = makeContext();
    const ran: string[] = [];
    ML_SETUP_STEPS["train-or-load-model"] = async () => {
      ran.push("train");
    };
    await runSetup(ctx, [step("train-or-load-model"), step("generate-ml-facets")]);
    expect(ran).toEqual(["train"]);
  });
});
