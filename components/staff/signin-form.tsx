"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong e-mail address or password.",
  RateLimited: "Too many failed sign-ins. Wait 15 minutes and try again.",
};

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? ""), redirect: false, callbackUrl });
      if (!result || result.error || !result.ok) {
        setError(MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Try again.");
        // Move focus so screen-reader and keyboard users meet the message at once.
        requestAnimationFrame(() => errorRef.current?.focus());
        return;
      }
      router.push(callbackUrl);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate={false} aria-describedby={error ? "signin-error" : undefined}>
      {error && (
        <p id="signin-error" ref={errorRef} tabIndex={-1} role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      )}
      <div>
        <label htmlFor="email" className="block font-medium">
          E-mail
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded border border-gray-400 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="mt-1 w-full rounded border border-gray-400 px-3 py-2" />
      </div>
      <button type="submit" disabled={busy} className="rounded bg-gray-900 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function SsoButton({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <button type="button" onClick={() => void signIn("oidc", { callbackUrl })} className="rounded border border-gray-900 px-4 py-2 font-semibold">
      Sign in with {name}
    </button>
  );
}

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut()} className="rounded border border-gray-400 px-3 py-1 text-sm">
      Sign out
    </button>
  );
}

async function signOut() {
  const { signOut: nextAuthSignOut } = await import("next-auth/react");
  await nextAuthSignOut({ callbackUrl: "/" });
}
