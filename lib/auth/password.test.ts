import { describe, expect, it } from "vitest";
import { checkPasswordStrength, hashPassword, parsePasswordHash, PasswordHashFormatError, verifyPassword } from "./password";

const fast = { log2N: 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery", fast);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const a = await hashPassword("same password here", fast);
    const b = await hashPassword("same password here", fast);
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a).salt.equals(parsePasswordHash(b).salt)).toBe(false);
  });

  it("uses N = 2^15 by default and records it", async () => {
    const stored = await hashPassword("a default-cost password");
    expect(stored.startsWith("scrypt$15$8$1$")).toBe(true);
    expect(await verifyPassword("a default-cost password", stored)).toBe(true);
  });

  it("rejects malformed stored hashes with a clear error", async () => {
    await expect(verifyPassword("x", "plain-text")).rejects.toThrow(PasswordHashFormatError);
    expect(() => parsePasswordHash("scrypt$99$8$1$aa$bb")).toThrow("invalid scrypt parameters");
  });

  it("checks strength", () => {
    expect(checkPasswordStrength("")).toBe("password is empty");
    expect(checkPasswordStrength("short")).toContain("too short");
    expect(checkPasswordStrength("aaaaaaaaaaaaaaaa")).toContain("repetitive");
    expect(checkPasswordStrength("jane.doe-secret-123", "jane.doe@example.org")).toContain("account name");
    expect(checkPasswordStrength("a reasonable passphrase")).toBeNull();
  });
});
