import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureLocalSecrets } from "./secrets";

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("ensureLocalSecrets", () => {
  it("creates a random secret once, keeps it on the next run and warns about production", () => {
    const root = tmp();
    const lines: string[] = [];
    expect(ensureLocalSecrets(root, {}, (l) => lines.push(l))).toBe("created");
    const first = fs.readFileSync(path.join(root, ".env.local"), "utf8");
    const secret = /^NEXTAUTH_SECRET=(.+)$/m.exec(first)?.[1] ?? "";
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(lines.join("\n")).toMatch(/production must set its own/i);
    expect(ensureLocalSecrets(root, {})).toBe("existing-file");
    expect(fs.readFileSync(path.join(root, ".env.local"), "utf8")).toBe(first);
  });

  it("keeps other lines of an existing file and writes nothing when the environment has a secret", () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, ".env.local"), "PORT=4000");
    expect(ensureLocalSecrets(root, { NEXTAUTH_SECRET: "x".repeat(20) })).toBe("from-environment");
    expect(fs.readFileSync(path.join(root, ".env.local"), "utf8")).toBe("PORT=4000");
    expect(ensureLocalSecrets(root, {})).toBe("created");
    expect(fs.readFileSync(path.join(root, ".env.local"), "utf8")).toMatch(/^PORT=4000\n# Created/);
  });

  it("gives different secrets on different machines", () => {
    const a = tmp();
    const b = tmp();
    ensureLocalSecrets(a, {});
    ensureLocalSecrets(b, {});
    expect(fs.readFileSync(path.join(a, ".env.local"), "utf8")).not.toBe(fs.readFileSync(path.join(b, ".env.local"), "utf8"));
  });
});
