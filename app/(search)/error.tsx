"use client";

import Link from "next/link";
import { useEffect } from "react";

export default function SearchError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div role="alert" className="mx-auto max-w-prose space-y-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">The search is not available just now</h1>
      <p className="text-gray-700">
        Something went wrong on our side, not with your search. Your search is kept in the address bar, so trying
        again in a moment should bring back the same results.
      </p>
      {digest ? <p className="text-sm text-gray-600">Reference for the site team: {digest}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={() => retry()} className="rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-gray-400 px-4 py-2 font-medium text-gray-900 no-underline hover:bg-gray-50">
          Start a new search
        </Link>
      </div>
    </div>
  );
}
