import "server-only";
import type { AuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerEnv } from "@/lib/env";
import { getJobServices } from "@/lib/jobs/server";
import { buildAuthOptions, SIGNIN_PATH } from "./options";
import { roleAllows, type GrantedRole, type Role } from "./roles";

/**
 * Authorisation checks. Every admin page, route handler and server action calls one of these
 * itself: a proxy/middleware check alone can be skipped (CVE-2025-29927).
 */

export interface StaffSession {
  email: string;
  role: Role;
  provider: string;
}

let options: AuthOptions | undefined;
export function getAuthOptions(): AuthOptions {
  options ??= buildAuthOptions(() => getJobServices().staff);
  return options;
}

/**
 * The signed-in user, or null. A tampered or foreign cookie fails decryption and counts as
 * anonymous. Password accounts are re-read from the store, so a removed account or a changed
 * role takes effect at once, not when the token expires.
 */
export async function getStaffSession(): Promise<StaffSession | null> {
  const session = await getServerSession(getAuthOptions());
  const email = session?.user?.email;
  if (!email) return null;
  const provider = session.user.provider;
  if (provider === "credentials") {
    const account = getJobServices().staff.getAccount(email);
    if (!account) return null;
    return { email: account.email, role: account.role, provider };
  }
  return { email, role: session.user.role, provider };
}

function signInUrl(callbackPath: string): string {
  const safe = callbackPath.startsWith("/") && !callbackPath.startsWith("//") ? callbackPath : "/admin";
  return `${SIGNIN_PATH}?callbackUrl=${encodeURIComponent(safe)}`;
}

async function requireRole(needed: GrantedRole, callbackPath: string): Promise<StaffSession> {
  const session = await getStaffSession();
  if (!session) redirect(signInUrl(callbackPath));
  if (!roleAllows(session.role, needed)) redirect(`${SIGNIN_PATH}?error=${needed === "admin" ? "admin" : "forbidden"}`);
  return session;
}

/** For pages and server actions: anonymous -> sign-in page; signed in without the role -> refusal page. */
export function requireStaff(callbackPath = "/admin"): Promise<StaffSession> {
  return requireRole("staff", callbackPath);
}

export function requireAdmin(callbackPath = "/admin"): Promise<StaffSession> {
  return requireRole("admin", callbackPath);
}

const json = (status: number, error: string) => Response.json({ error }, { status, headers: { "cache-control": "no-store" } });

/**
 * State-changing requests must come from our own pages. next-auth guards its own routes and
 * Next checks server actions; admin route handlers check `Origin` here.
 */
export async function checkSameOrigin(request: Request): Promise<boolean> {
  if (request.method === "GET" || request.method === "HEAD") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const h = await headers();
  const allowed = new Set<string>();
  const host = h.get("host");
  if (host) allowed.add(host);
  const configured = getServerEnv().NEXTAUTH_URL;
  if (configured) allowed.add(new URL(configured).host);
  return allowed.has(originHost);
}

export type ApiAuth = { ok: true; session: StaffSession } | { ok: false; response: Response };

/** For route handlers: 401 JSON when anonymous, 403 when the role is missing or the origin is foreign. */
export async function authorizeApi(request: Request, needed: GrantedRole): Promise<ApiAuth> {
  const session = await getStaffSession();
  if (!session) return { ok: false, response: json(401, "Sign in first.") };
  if (!roleAllows(session.role, needed)) return { ok: false, response: json(403, `This needs the ${needed} role.`) };
  if (!(await checkSameOrigin(request))) return { ok: false, response: json(403, "Cross-origin request refused.") };
  return { ok: true, session };
}
