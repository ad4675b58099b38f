"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/app/(staff)/admin/actions";
import { ActionMessage } from "./action-message";

export function RollbackForm({ action, generator, version }: { action: (prev: ActionResult, form: FormData) => Promise<ActionResult>; generator: string; version: string }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="generator" value={generator} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending} className="rounded border border-gray-900 px-2 py-1 text-sm font-semibold disabled:opacity-60" aria-label={`Roll back ${generator} to ${version}`}>
        {pending ? "Rolling back…" : "Roll back to this"}
      </button>
      <ActionMessage result={result} />
    </form>
  );
}
