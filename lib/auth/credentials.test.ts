import { beforeEach, describe, expect, it } from "vitest";
import { openStaffTestDb } from "@/lib/testing/staff-db";
import { StaffStore } from "@/lib/store/staff";
import { hashPassword } from "./password";
import { authorizeCredentials, RateLimitedError } from "./credentials";
import { checkRateLimit, clientAddress } from "./rate-limit";

const policy = { windowMs: 60_000, maxAccountFailures: 3, maxIpFailures: 5 };

describe("credentials sign-in", () => {
  let staff: StaffStore;
  beforeEach(async () => {
    staff = new StaffStore(openStaffTestDb());
    staff.addAccount("ada@example.org", "admin", await hashPassword("analytical engine", { log2N: 10, r: 8, p: 1 }));
  });

  it("signs in with the right password, case-insensitive e-mail", async () => {
    const user = await authorizeCredentials(staff, { email: " Ada@Example.org ", password: "analytical engine" }, "1.1.1.1", policy);
    expect(user).toEqual({ id: "ada@example.org", email: "ada@example.org", name: "ada@example.org", role: "admin" });
    expect(staff.getAccount("ada@example.org")!.lastSignInAt).not.toBeNull();
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    expect(await authorizeCredentials(staff, { email: "ada@example.org", password: "difference engine" }, "1.1.1.1", policy)).toBeNull();
    expect(await authorizeCredentials(staff, { email: "nobody@example.org", password: "difference engine" }, "1.1.1.1", policy)).toBeNull();
    expect(await authorizeCredentials(staff, { email: "ada@example.org" }, "1.1.1.1", policy)).toBeNull();
  });

  it("limits failures per account, even with the right password afterwards", async () => {
    for (let i = 0; i < 3; i++) await authorizeCredentials(staff, { email: "ada@example.org", password: `wrong ${i}` }, `10.0.0.${i}`, policy);
    await expect(authorizeCredentials(staff, { email: "ada@example.org", password: "analytical engine" }, "10.0.0.9", policy)).rejects.toThrow(RateLimitedError);
    // Unknown accounts are limited too, so the limit does not reveal which accounts exist.
    for (let i = 0; i < 3; i++) await authorizeCredentials(staff, { email: "ghost@example.org", password: `wrong ${i}` }, `10.0.1.${i}`, policy);
    await expect(authorizeCredentials(staff, { email: "ghost@example.org", password: "x" }, "10.0.1.9", policy)).rejects.toThrow("RateLimited");
  });

  it("limits failures per address across accounts", async () => {
    for (let i = 0; i < 5; i++) await authorizeCredentials(staff, { email: `user${i}@example.org`, password: "guess" }, "6.6.6.6", policy);
    await expect(authorizeCredentials(staff, { email: "ada@example.org", password: "analytical engine" }, "6.6.6.6", policy)).rejects.toThrow(RateLimitedError);
    expect(await authorizeCredentials(staff, { email: "ada@example.org", password: "analytical engine" }, "7.7.7.7", policy)).not.toBeNull();
  });

  it("forgets failures after the window and after a success", () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) staff.recordAttempt("ada@example.org", "1.1.1.1", false, t0 + i);
    expect(checkRateLimit(staff, "ada@example.org", "2.2.2.2", policy, t0 + 10).allowed).toBe(false);
    expect(checkRateLimit(staff, "ada@example.org", "2.2.2.2", policy, t0 + 61_000).allowed).toBe(true);
    staff.recordAttempt("ada@example.org", "1.1.1.1", true, t0 + 20);
    expect(checkRateLimit(staff, "ada@example.org", "2.2.2.2", policy, t0 + 30).allowed).toBe(true);
  });

  it("keeps limits in the store (a second handle on the same database sees them)", () => {
    for (let i = 0; i < 3; i++) staff.recordAttempt("ada@example.org", "1.1.1.1", false);
    const other = new StaffStore((staff as unknown as { db: import("better-sqlite3").Database }).db);
    expect(checkRateLimit(other, "ada@example.org", "9.9.9.9", policy)).toEqual({ allowed: false, reason: "account" });
  });

  it("takes the address the nearest proxy saw", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4, 5.6.7.8" })).toBe("5.6.7.8");
    expect(clientAddress(new Headers({ "x-real-ip": "9.9.9.9" }))).toBe("9.9.9.9");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});
