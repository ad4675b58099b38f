"use client";

import { useEffect, useRef } from "react";

/** The outcome of a form action, announced and focused so keyboard users land on it. */
export function ActionMessage({ result }: { result: { ok: boolean; message: string } | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  if (!result) return null;
  return (
    <p
      ref={ref}
      tabIndex={-1}
      role={result.ok ? "status" : "alert"}
      className={`rounded border px-3 py-2 ${result.ok ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-800"}`}
    >
      {result.message}
    </p>
  );
}
