import { beforeEach, describe, expect, it } from "vitest";
import { openStaffTestDb } from "@/lib/testing/staff-db";
import { StaffStore } from "@/lib/store/staff";
import { AccountError, createAccount, removeAccount } from "./accounts";
import { verifyPassword } from "./password";

const fast = { log2N: 10, r: 8, p: 1 };

describe("account management", () => {
  let staff: StaffStore;
  beforeEach(() => {
    staff = new StaffStore(openStaffTestDb());
  });

  it("creates an account with a hashed password, never the password itself", async () => {
    const account = await createAccount(staff, { email: "Grace@Example.org", role: "staff", password: "a long enough phrase\n" }, fast);
    expect(account).toMatchObject({ email: "grace@example.org", role: "staff" });
    const stored = staff.getAccount("grace@example.org")!;
    expect(stored.passwordHash).not.toContain("a long enough phrase");
    expect(await verifyPassword("a long enough phrase", stored.passwordHash!)).toBe(true);
  });

  it("refuses bad input with clear errors", async () => {
    await expect(createAccount(staff, { email: "not-an-email", role: "staff", password: "a long enough phrase" }, fast)).rejects.toThrow('"not-an-email" is not a valid e-mail address');
    await expect(createAccount(staff, { email: "", role: "staff", password: "a long enough phrase" }, fast)).rejects.toThrow("e-mail address is missing");
    await expect(createAccount(staff, { email: "a@example.org", role: "root", password: "a long enough phrase" }, fast)).rejects.toThrow('unknown role "root": use one of none, staff, admin');
    await expect(createAccount(staff, { email: "a@example.org", role: "staff", password: "" }, fast)).rejects.toThrow("password is empty");
    await expect(createAccount(staff, { email: "a@example.org", role: "staff", password: "short" }, fast)).rejects.toThrow(AccountError);
    await createAccount(staff, { email: "a@example.org", role: "staff", password: "a long enough phrase" }, fast);
    await expect(createAccount(staff, { email: "A@example.org", role: "admin", password: "another long phrase" }, fast)).rejects.toThrow("already exists");
  });

  it("protects the last admin and the acting user", async () => {
    await createAccount(staff, { email: "admin@example.org", role: "admin", password: "a long enough phrase" }, fast);
    await createAccount(staff, { email: "other@example.org", role: "staff", password: "a long enough phrase" }, fast);
    expect(() => removeAccount(staff, "admin@example.org", "admin@example.org")).toThrow("your own account");
    expect(() => removeAccount(staff, "admin@example.org", "someone@example.org")).toThrow("last admin");
    expect(() => removeAccount(staff, "nobody@example.org")).toThrow("no account for nobody@example.org");
    removeAccount(staff, "other@example.org", "admin@example.org");
    removeAccount(staff, "admin@example.org");
    expect(staff.listAccounts()).toEqual([]);
  });
});
