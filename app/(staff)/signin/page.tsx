import type { Metadata } from "next";
import { SignInForm, SignOutButton, SsoButton } from "@/components/staff/signin-form";
import { getStaffSession } from "@/lib/auth/guards";
import { isOidcEnabled } from "@/lib/auth/options";
import { getServerEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Staff sign-in", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ERRORS: Record<string, string> = {
  forbidden: "Your account has no staff role. Ask an administrator for access.",
  admin: "That page needs the admin role.",
  CredentialsSignin: "Wrong e-mail address or password.",
  RateLimited: "Too many failed sign-ins. Wait 15 minutes and try again.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  AccessDenied: "Access denied.",
};

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Only paths on this site, so the page cannot be used to send people elsewhere. */
function safeCallback(raw: string | undefined): string {
  return raw && raw.startsWith("/") && !raw.startsWith("//") && !raw.startsWith("/\\") ? raw : "/admin";
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallback(one(params.callbackUrl));
  const errorCode = one(params.error);
  const error = errorCode ? (ERRORS[errorCode] ?? "Sign-in failed. Try again.") : null;
  const session = await getStaffSession();
  const env = getServerEnv();

  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-2xl font-bold">Staff sign-in</h1>
      {error && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
      {session && (
        <div className="flex items-center justify-between gap-3 rounded border border-gray-300 px-3 py-2">
          <p>
            Signed in as <strong>{session.email}</strong> (role: {session.role}).
          </p>
          <SignOutButton />
        </div>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      {isOidcEnabled(env) && (
        <div className="border-t border-gray-200 pt-4">
          <SsoButton name={env.OIDC_NAME} callbackUrl={callbackUrl} />
        </div>
      )}
    </div>
  );
}
