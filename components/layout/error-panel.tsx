"use client";

import Link from "next/link";
import { useEffect, type ReactNode } from "react";

/**
 * The body of a route's error.tsx: says it is our fault, offers a retry and a way back to search,
 * and shows Next's error digest so a visitor can quote it to the site team.
 */
export function ErrorPanel({ error, retry, title, children, homeLabel }: { error: unknown; retry: () => void; title: string; children: ReactNode; homeLabel: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div role="alert" className="mx-auto max-w-prose space-y-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">{title}</h1>
      {children}
      {digest ? <p className="text-sm text-gray-600">Reference for the site team: {digest}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={() => retry()} className="rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-gray-400 px-4 py-2 font-medium text-gray-900 no-underline hover:bg-gray-50">
          {homeLabel}
        </Link>
      </div>
    </div>
  );
}
