/**
 * Tables for staff accounts, sign-in attempts and regeneration jobs. Listed in
 * lib/store/migrations.ts; kept here so the staff/jobs modules and their SQL live together.
 */
export const STAFF_MIGRATIONS: ReadonlyArray<{ name: string; sql: string }> = [
  {
    name: "staff-accounts-and-jobs",
    sql: `
      CREATE TABLE IF NOT EXISTS staff_accounts (
        email TEXT PRIMARY KEY COLLATE NOCASE,
        password_hash TEXT,
        role TEXT NOT NULL CHECK (role IN ('none', 'staff', 'admin')),
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        last_sign_in_at_ms INTEGER
      );
      CREATE TABLE IF NOT EXISTS signin_attempts (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        account TEXT NOT NULL COLLATE NOCASE,
        ip TEXT NOT NULL,
        ok INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS signin_attempts_account ON signin_attempts (account, at_ms);
      CREATE INDEX IF NOT EXISTS signin_attempts_ip ON signin_attempts (ip, at_ms);
      CREATE TABLE IF NOT EXISTS jobs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'stale')),
        options TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        started_at_ms INTEGER,
        finished_at_ms INTEGER,
        heartbeat_at_ms INTEGER,
        pid INTEGER,
        host TEXT,
        stage TEXT NOT NULL DEFAULT 'queued',
        percent REAL NOT NULL DEFAULT 0,
        records_done INTEGER NOT NULL DEFAULT 0,
        records_total INTEGER,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        result TEXT,
        lock_key TEXT NOT NULL DEFAULT 'facets'
      );
      -- The single-job lock lives in the database: at most one queued or running job per lock key,
      -- whichever process asks, so two servers or a server and the CLI cannot both start one.
      CREATE UNIQUE INDEX IF NOT EXISTS jobs_one_active ON jobs (lock_key) WHERE state IN ('queued', 'running');
      CREATE INDEX IF NOT EXISTS jobs_created ON jobs (created_at_ms);
      CREATE TABLE IF NOT EXISTS job_log (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
        message TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS job_log_job ON job_log (job_id, id);
    `,
  },
];
