import { z } from "zod";
import { DuplicateAccountError, type StaffAccount, type StaffStore } from "@/lib/store/staff";
import { checkPasswordStrength, hashPassword, type ScryptParams } from "./password";
import { normaliseAccount } from "./rate-limit";
import { isRole, ROLES, type Role } from "./roles";

/** Account management shared by `npm run staff` and the /admin/staff page. */

export class AccountError extends Error {
  override name = "AccountError";
}

const emailSchema = z.email();

export function parseEmail(raw: unknown): string {
  const email = typeof raw === "string" ? normaliseAccount(raw) : "";
  if (!email) throw new AccountError("e-mail address is missing");
  if (email.length > 320 || !emailSchema.safeParse(email).success) throw new AccountError(`"${String(raw).slice(0, 80)}" is not a valid e-mail address`);
  return email;
}

export function parseRole(raw: unknown): Role {
  if (!isRole(raw)) throw new AccountError(`unknown role "${String(raw).slice(0, 40)}": use one of ${ROLES.join(", ")}`);
  return raw;
}

export async function createAccount(staff: StaffStore, input: { email: unknown; role: unknown; password: unknown }, params?: ScryptParams): Promise<StaffAccount> {
  const email = parseEmail(input.email);
  const role = parseRole(input.role);
  const password = typeof input.password === "string" ? input.password.replace(/\r?\n$/, "") : "";
  const weak = checkPasswordStrength(password, email);
  if (weak) throw new AccountError(weak);
  if (staff.getAccount(email)) throw new AccountError(`an account for ${email} already exists (remove it first to replace it)`);
  try {
    return staff.addAccount(email, role, await hashPassword(password, params));
  } catch (err) {
    if (err instanceof DuplicateAccountError) throw new AccountError(err.message, { cause: err });
    throw err;
  }
}

/** Remove an account; refuses to remove the last admin or (from the web page) oneself. */
export function removeAccount(staff: StaffStore, rawEmail: unknown, actingAs?: string): void {
  const email = parseEmail(rawEmail);
  const account = staff.getAccount(email);
  if (!account) throw new AccountError(`no account for ${email}`);
  if (actingAs && normaliseAccount(actingAs) === email) throw new AccountError("you cannot remove your own account while signed in with it");
  if (account.role === "admin" && staff.countAdmins() <= 1 && actingAs) throw new AccountError("this is the last admin account; add another admin first");
  staff.removeAccount(email);
}
