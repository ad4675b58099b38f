import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with Node's scrypt. The stored string carries its own parameters, so they can
 * be raised later without invalidating existing hashes:
 *   scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>
 */

export interface ScryptParams {
  log2N: number;
  r: number;
  p: number;
}

/** 2^15 with r=8 costs about 32 MiB and tens of milliseconds: slow for guessing, fine for sign-in. */
export const DEFAULT_SCRYPT: ScryptParams = { log2N: 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params);
  return ["scrypt", params.log2N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export class PasswordHashFormatError extends Error {
  override name = "PasswordHashFormatError";
}

export function parsePasswordHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") throw new PasswordHashFormatError("stored password hash is not in the scrypt$N$r$p$salt$hash format");
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const params = { log2N: Number(n), r: Number(r), p: Number(p) };
  if (![params.log2N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0) || params.log2N > 22) {
    throw new PasswordHashFormatError("stored password hash has invalid scrypt parameters");
  }
  return { params, salt: Buffer.from(salt, "base64"), key: Buffer.from(key, "base64") };
}

/** Constant-time comparison of the derived key; false (never throws) on a wrong password. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { params, salt, key } = parsePasswordHash(stored);
  const candidate = await derive(password, salt, params);
  return candidate.length === key.length && timingSafeEqual(candidate, key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the same time as a real check when the account does not exist, so response timing does
 * not reveal which e-mail addresses have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing-only");
  await verifyPassword(password, await dummyHash);
  return false;
}

/** Returns a problem to show the user, or null when the password is acceptable. */
export function checkPasswordStrength(password: string, email?: string): string | null {
  if (password.length === 0) return "password is empty";
  if (password.length < MIN_PASSWORD_LENGTH) return `password is too short: ${password.length} characters, at least ${MIN_PASSWORD_LENGTH} needed`;
  if (password.length > MAX_PASSWORD_LENGTH) return `password is too long: at most ${MAX_PASSWORD_LENGTH} characters`;
  if (new Set(password).size < 5) return "password is too repetitive: use at least 5 different characters";
  const local = email?.toLowerCase().split("@")[0] ?? "";
  // Short local parts ("a@...") would match almost any password; only names worth guessing count.
  if (local.length >= 3 && password.toLowerCase().includes(local)) return "password must not contain the account name";
  return null;
}
