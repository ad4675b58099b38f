import type Database from "better-sqlite3";
import type { Role } from "@/lib/auth/roles";

/** Staff accounts and sign-in attempts, on the store's database handle. */

export interface StaffAccount {
  email: string;
  role: Role;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface StaffAccountWithHash extends StaffAccount {
  passwordHash: string | null;
}

export class DuplicateAccountError extends Error {
  override name = "DuplicateAccountError";
}

interface AccountRow {
  email: string;
  password_hash: string | null;
  role: Role;
  created_at_ms: number;
  last_sign_in_at_ms: number | null;
}

function toAccount(row: AccountRow): StaffAccountWithHash {
  return {
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: new Date(row.created_at_ms).toISOString(),
    lastSignInAt: row.last_sign_in_at_ms === null ? null : new Date(row.last_sign_in_at_ms).toISOString(),
  };
}

export interface AttemptCounts {
  accountFailures: number;
  ipFailures: number;
}

export class StaffStore {
  constructor(private readonly db: Database.Database) {}

  addAccount(email: string, role: Role, passwordHash: string | null, now = Date.now()): StaffAccount {
    try {
      this.db
        .prepare("INSERT INTO staff_accounts (email, password_hash, role, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?)")
        .run(email, passwordHash, role, now, now);
    } catch (err) {
      if (err instanceof Error && "code" in err && err.code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
        throw new DuplicateAccountError(`an account for ${email} already exists`, { cause: err });
      }
      throw err;
    }
    const { passwordHash: _omit, ...account } = this.getAccount(email)!;
    return account;
  }

  setRole(email: string, role: Role, now = Date.now()): boolean {
    return this.db.prepare("UPDATE staff_accounts SET role = ?, updated_at_ms = ? WHERE email = ?").run(role, now, email).changes > 0;
  }

  setPasswordHash(email: string, passwordHash: string, now = Date.now()): boolean {
    return this.db.prepare("UPDATE staff_accounts SET password_hash = ?, updated_at_ms = ? WHERE email = ?").run(passwordHash, now, email).changes > 0;
  }

  removeAccount(email: string): boolean {
    return this.db.prepare("DELETE FROM staff_accounts WHERE email = ?").run(email).changes > 0;
  }

  getAccount(email: string): StaffAccountWithHash | null {
    const row = this.db.prepare("SELECT * FROM staff_accounts WHERE email = ?").get(email) as AccountRow | undefined;
    return row ? toAccount(row) : null;
  }

  listAccounts(): StaffAccount[] {
    const rows = this.db.prepare("SELECT * FROM staff_accounts ORDER BY email").all() as AccountRow[];
    return rows.map((r) => {
      const { passwordHash: _omit, ...account } = toAccount(r);
      return account;
    });
  }

  countAdmins(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM staff_accounts WHERE role = 'admin'").get() as { n: number }).n;
  }

  recordSignIn(email: string, now = Date.now()): void {
    this.db.prepare("UPDATE staff_accounts SET last_sign_in_at_ms = ? WHERE email = ?").run(now, email);
  }

  recordAttempt(account: string, ip: string, ok: boolean, now = Date.now()): void {
    this.db.prepare("INSERT INTO signin_attempts (at_ms, account, ip, ok) VALUES (?, ?, ?, ?)").run(now, account, ip, ok ? 1 : 0);
  }

  /**
   * Failures since the last success for the account (a success resets the account's count, not
   * the address's: one attacker address trying many accounts stays limited).
   */
  countFailures(account: string, ip: string, sinceMs: number): AttemptCounts {
    const accountFailures = this.db
      .prepare(
        `SELECT count(*) AS n FROM signin_attempts
         WHERE account = ? AND ok = 0 AND at_ms >= ?
           AND at_ms > coalesce((SELECT max(at_ms) FROM signin_attempts WHERE account = ? AND ok = 1), -1)`,
      )
      .get(account, sinceMs, account) as { n: number };
    const ipFailures = this.db.prepare("SELECT count(*) AS n FROM signin_attempts WHERE ip = ? AND ok = 0 AND at_ms >= ?").get(ip, sinceMs) as { n: number };
    return { accountFailures: accountFailures.n, ipFailures: ipFailures.n };
  }

  /** Attempts older than the window are no longer needed. */
  pruneAttempts(beforeMs: number): number {
    return this.db.prepare("DELETE FROM signin_attempts WHERE at_ms < ?").run(beforeMs).changes;
  }
}
