"use client";

export default function AboutError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-4">
      <h1 className="font-semibold">This page could not be built from the model artifacts</h1>
      <p className="mt-1 text-sm">{error.message}</p>
      <button type="button" onClick={reset} className="mt-2 rounded border px-3 py-1 text-sm">
        Try again
      </button>
    </div>
  );
}
