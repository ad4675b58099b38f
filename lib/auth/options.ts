import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getServerEnv, type ServerEnv } from "@/lib/env";
import type { StaffStore } from "@/lib/store/staff";
import { authorizeCredentials } from "./credentials";
import { clientAddress } from "./rate-limit";
import { isRole, parseRoleMap, roleFromClaims, type Role } from "./roles";

export const SIGNIN_PATH = "/signin";
/** Sessions are short: a lost laptop should not keep admin access for a month. */
const SESSION_MAX_AGE_S = 8 * 60 * 60;

export function isOidcEnabled(env: ServerEnv): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

type OidcProfile = Record<string, unknown> & { sub: string; email?: string; name?: string; preferred_username?: string };

export function buildOidcProvider(env: ServerEnv): OAuthConfig<OidcProfile> | null {
  if (!isOidcEnabled(env)) return null;
  // Parsed here, at start, so a bad map fails loudly instead of silently granting nothing.
  const roleMap = parseRoleMap(env.OIDC_ROLE_MAP);
  const issuer = env.OIDC_ISSUER!.replace(/\/$/, "");
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      const email = profile.email ?? profile.preferred_username ?? profile.sub;
      return { id: profile.sub, email, name: profile.name ?? email, role: roleFromClaims(profile, env.OIDC_ROLE_CLAIM, roleMap) };
    },
  };
}

export function buildAuthOptions(getStaff: () => StaffStore, env: ServerEnv = getServerEnv()): AuthOptions {
  const oidc = buildOidcProvider(env);
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    jwt: { maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: SIGNIN_PATH, error: SIGNIN_PATH },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          return authorizeCredentials(getStaff(), credentials, clientAddress(req.headers));
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      jwt({ token, user, account }) {
        if (user) {
          token.role = isRole(user.role) ? user.role : "none";
          token.provider = account?.provider ?? "credentials";
        }
        return token;
      },
      session({ session, token }) {
        const role: Role = isRole(token.role) ? token.role : "none";
        session.user = { email: token.email ?? "", name: token.name ?? null, role, provider: token.provider ?? "credentials" };
        return session;
      },
      redirect({ url, baseUrl }) {
        // Only same-site destinations after sign-in: no open redirect through callbackUrl.
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // An unparseable URL falls through to the base URL.
        }
        return baseUrl;
      },
    },
  };
}
