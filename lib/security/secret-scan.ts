import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Looks for secrets where the public can read them: files the browser downloads (.next/static)
 * and HTTP responses. A secret counts as found in its raw form and in the encodings it would take
 * on its way out (URL-encoded, base64, JSON-escaped), so a leak through a cookie or a serialised
 * prop is caught too.
 */

export interface Secret {
  /** Where the value comes from, e.g. "NEXTAUTH_SECRET" or "password hash of staff account 2"; never the value. */
  name: string;
  value: string;
}

export interface Finding {
  /** A file path or "GET <url>". */
  where: string;
  secret: string;
  form: string;
}

interface Needle {
  secret: string;
  form: string;
  text: string;
}

/** Too short a value would match by chance; configuration validation already asks for more. */
export const MIN_SECRET_LENGTH = 8;

/** Any stored password hash, whoever's (format of lib/auth/password.ts). */
export const PASSWORD_HASH_PATTERN = /scrypt\$\d{1,2}\$\d{1,3}\$\d{1,3}\$[A-Za-z0-9+/=]{8,}\$[A-Za-z0-9+/=]{8,}/;

export class SecretScanError extends Error {
  override name = "SecretScanError";
}

export function buildNeedles(secrets: readonly Secret[]): Needle[] {
  const out: Needle[] = [];
  for (const s of secrets) {
    if (s.value.length < MIN_SECRET_LENGTH) throw new SecretScanError(`${s.name} is shorter than ${MIN_SECRET_LENGTH} characters: too short to scan for without false alarms`);
    const forms: Array<[string, string]> = [
      ["raw", s.value],
      ["url-encoded", encodeURIComponent(s.value)],
      ["base64", Buffer.from(s.value).toString("base64").replace(/=+$/, "")],
      ["base64url", Buffer.from(s.value).toString("base64url")],
      ["json-escaped", JSON.stringify(s.value).slice(1, -1)],
    ];
    const seen = new Set<string>();
    for (const [form, text] of forms) {
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ secret: s.name, form, text });
    }
  }
  return out;
}

export function scanText(text: string, where: string, needles: readonly Needle[]): Finding[] {
  const findings: Finding[] = [];
  for (const n of needles) if (text.includes(n.text)) findings.push({ where, secret: n.secret, form: n.form });
  if (PASSWORD_HASH_PATTERN.test(text)) findings.push({ where, secret: "a password hash (scrypt$...)", form: "pattern" });
  return findings;
}

export interface DirectoryScan {
  files: number;
  bytes: number;
  findings: Finding[];
}

export function scanDirectory(dir: string, needles: readonly Needle[]): DirectoryScan {
  if (!fs.existsSync(dir)) throw new SecretScanError(`${dir} does not exist (build the app first: npm run build)`);
  const result: DirectoryScan = { files: 0, bytes: 0, findings: [] };
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        // latin1 keeps every byte as one character, so binary files (fonts, images) scan safely.
        const text = fs.readFileSync(p).toString("latin1");
        result.files++;
        result.bytes += text.length;
        result.findings.push(...scanText(text, p, needles));
      }
    }
  };
  walk(dir);
  return result;
}

export interface ResponseScan {
  responses: number;
  statuses: Record<number, number>;
  findings: Finding[];
}

/** Fetches each path (headers and body both scanned; redirects not followed, so Location and cookies are seen). */
export async function scanResponses(baseUrl: string, paths: readonly string[], needles: readonly Needle[], init: RequestInit = {}): Promise<ResponseScan> {
  const result: ResponseScan = { responses: 0, statuses: {}, findings: [] };
  for (const p of paths) {
    const url = new URL(p, baseUrl).toString();
    const res = await fetch(url, { redirect: "manual", ...init });
    const head = [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
    const body = await res.text();
    result.responses++;
    result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
    result.findings.push(...scanText(`${head}\n\n${body}`, `GET ${p}`, needles));
  }
  return result;
}

/** Secrets named in the environment (only those set), e.g. NEXTAUTH_SECRET, MEILI_API_KEY. */
export function toEnvSecrets(env: Record<string, string | undefined>, names: readonly string[]): Secret[] {
  return names.flatMap((name) => {
    const value = env[name];
    return value ? [{ name, value }] : [];
  });
}

/** Every stored password hash in the store (none when it has no staff table yet). */
export function readPasswordHashes(storeFile: string): Secret[] {
  if (!fs.existsSync(storeFile)) return [];
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'staff_accounts'").get();
    if (!table) return [];
    const rows = db.prepare("SELECT rowid AS id, password_hash AS hash FROM staff_accounts WHERE password_hash IS NOT NULL").all() as Array<{ id: number; hash: string }>;
    return rows.map((r) => ({ name: `password hash of staff account ${r.id}`, value: r.hash }));
  } finally {
    db.close();
  }
}

export const SECRET_ENV_NAMES = ["NEXTAUTH_SECRET", "MEILI_API_KEY", "MEILI_MASTER_KEY", "OIDC_CLIENT_SECRET"] as const;

/** Pages and APIs a visitor can reach without signing in, plus error answers. */
export const PUBLIC_PATHS = [
  "/",
  "/?q=history&f.genre=Fiction",
  "/?page=-1",
  "/records/does-not-exist",
  "/no-such-page",
  "/signin",
  "/admin",
  "/api/search",
  "/api/search?q=tales&per_page=5",
  "/api/search?per_page=1000",
  "/api/facets/place?fq=lon",
  "/api/facets/nope",
  "/api/health",
  "/api/auth/session",
  "/api/auth/providers",
  "/api/auth/csrf",
  "/api/no-such-route",
] as const;
