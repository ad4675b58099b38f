import { z } from "zod";
import type { StaffStore } from "@/lib/store/staff";
import { verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from "./password";
import { checkRateLimit, normaliseAccount, DEFAULT_RATE_LIMIT, type RateLimitPolicy } from "./rate-limit";
import type { Role } from "./roles";

/** Error codes the sign-in page turns into text. Never says whether the account exists. */
export const SIGNIN_ERRORS = {
  CredentialsSignin: "Wrong e-mail address or password.",
  RateLimited: "Too many failed sign-ins. Wait 15 minutes and try again.",
  forbidden: "Your account has no staff role. Ask an administrator for access.",
  Default: "Sign-in failed. Try again.",
} as const;

export class RateLimitedError extends Error {
  override name = "RateLimitedError";
  constructor() {
    // next-auth passes a thrown error's message to the sign-in page as `?error=`.
    super("RateLimited");
  }
}

const credentialsSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Check e-mail and password. Returns the user, or null for a wrong or unknown account (the same
 * answer and about the same time either way); throws RateLimitedError when over the limit.
 */
export async function authorizeCredentials(
  staff: StaffStore,
  input: unknown,
  ip: string,
  policy: RateLimitPolicy = DEFAULT_RATE_LIMIT,
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const email = normaliseAccount(parsed.data.email);
  const { password } = parsed.data;

  if (!checkRateLimit(staff, email, ip, policy).allowed) {
    // Still hash, so a locked account answers in the same time as an open one.
    await verifyAgainstDummy(password);
    throw new RateLimitedError();
  }

  const account = staff.getAccount(email);
  const ok = account?.passwordHash ? await verifyPassword(password, account.passwordHash) : await verifyAgainstDummy(password);
  staff.recordAttempt(email, ip, ok);
  if (!ok || !account) return null;
  staff.recordSignIn(account.email);
  return { id: account.email, email: account.email, name: account.email, role: account.role };
}
