import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { buildNeedles, PASSWORD_HASH_PATTERN, readPasswordHashes, scanDirectory, scanText, SecretScanError, toEnvSecrets } from "./secret-scan";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-scan-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SECRET = "s3cr3t/with+chars=&such";

describe("secret scan", () => {
  const needles = buildNeedles([{ name: "NEXTAUTH_SECRET", value: SECRET }]);

  it("finds a secret raw and in the encodings it leaves the server in", () => {
    expect(scanText(`x=${SECRET};`, "a", needles).map((f) => f.form)).toEqual(["raw"]);
    expect(scanText(`?k=${encodeURIComponent(SECRET)}`, "b", needles).map((f) => f.form)).toEqual(["url-encoded"]);
    // Inside a base64 blob, found when it starts on a 3-byte boundary (as here: `{"k":"` is 6 bytes).
    expect(scanText(Buffer.from(`{"k":"${SECRET}"}`).toString("base64"), "c", needles).map((f) => f.form)).toEqual(["base64"]);
    expect(scanText(`token ${Buffer.from(SECRET).toString("base64")}`, "d", needles).map((f) => f.form)).toEqual(["base64"]);
    expect(scanText("nothing to see", "e", needles)).toEqual([]);
    // The report names the secret, never its value.
    expect(JSON.stringify(scanText(SECRET, "f", needles))).not.toContain(SECRET);
  });

  it("finds any password hash by its shape", async () => {
    const hash = await hashPassword("a long enough password", { log2N: 10, r: 8, p: 1 });
    expect(PASSWORD_HASH_PATTERN.test(`{"user":{"hash":"${hash}"}}`)).toBe(true);
    expect(scanText(`prefix ${hash}`, "g", [])).toHaveLength(1);
    expect(scanText("scrypt is a key derivation function", "h", [])).toEqual([]);
  });

  it("walks a directory, binary files included", () => {
    fs.mkdirSync(path.join(dir, "static", "chunks"), { recursive: true });
    fs.writeFileSync(path.join(dir, "static", "chunks", "clean.js"), "console.log('hello')");
    fs.writeFileSync(path.join(dir, "static", "font.woff2"), Buffer.from([0, 255, 1, 2, 3]));
    expect(scanDirectory(path.join(dir, "static"), needles)).toMatchObject({ files: 2, findings: [] });
    fs.writeFileSync(path.join(dir, "static", "chunks", "leak.js"), `const k = ${JSON.stringify(SECRET)};`);
    const scan = scanDirectory(path.join(dir, "static"), needles);
    expect(scan.findings.map((f) => path.basename(f.where))).toEqual(["leak.js"]);
  });

  it("refuses to scan for values too short to mean anything, and a missing build", () => {
    expect(() => buildNeedles([{ name: "X", value: "abc" }])).toThrow(SecretScanError);
    expect(() => scanDirectory(path.join(dir, "missing"), needles)).toThrow(/does not exist/);
  });

  it("reads secrets from the environment and hashes from a store", () => {
    expect(toEnvSecrets({ NEXTAUTH_SECRET: "x".repeat(20), MEILI_API_KEY: "" }, ["NEXTAUTH_SECRET", "MEILI_API_KEY"])).toEqual([{ name: "NEXTAUTH_SECRET", value: "x".repeat(20) }]);
    expect(readPasswordHashes(path.join(dir, "no-store.sqlite"))).toEqual([]);
  });
});
