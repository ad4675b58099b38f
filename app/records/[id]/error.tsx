"use client";

import Link from "next/link";
import { useEffect } from "react";

export default function RecordError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String((error as Error & { digest?: string }).digest ?? "") : "";
  return (
    <div role="alert" className="mx-auto max-w-prose space-y-4 py-8">
      <h1 className="text-2xl font-semibold text-gray-900">This record could not be shown</h1>
      <p className="text-gray-700">Something went wrong on our side while reading the record. Trying again often helps.</p>
      {digest ? <p className="text-sm text-gray-600">Reference for the site team: {digest}</p> : null}
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={() => retry()} className="rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-gray-400 px-4 py-2 font-medium text-gray-900 no-underline hover:bg-gray-50">
          Search the collection
        </Link>
      </div>
    </div>
  );
}
