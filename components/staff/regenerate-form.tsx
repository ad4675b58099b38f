"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/app/(staff)/admin/actions";
import { ActionMessage } from "./action-message";

interface Props {
  action: (prev: ActionResult, form: FormData) => Promise<ActionResult>;
  generators: Array<{ name: string; label: string; trainable: boolean }>;
  busy: boolean;
}

export function RegenerateForm({ action, generators, busy }: Props) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="font-semibold">What to do</legend>
        <div className="flex items-start gap-2">
          <input type="radio" id="mode-repredict" name="mode" value="repredict" defaultChecked className="mt-1" />
          <label htmlFor="mode-repredict">Re-predict with the current model</label>
        </div>
        <div className="flex items-start gap-2">
          <input type="radio" id="mode-retrain" name="mode" value="retrain" className="mt-1" aria-describedby="mode-retrain-help" />
          <label htmlFor="mode-retrain">Retrain the model, then re-predict</label>
        </div>
        <p id="mode-retrain-help" className="text-sm text-gray-600">
          Retraining applies to {generators.filter((g) => g.trainable).map((g) => g.label).join(", ") || "no facet yet"}; it takes longer.
        </p>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-semibold">Facets to regenerate</legend>
        {generators.map((g) => (
          <div key={g.name} className="flex items-center gap-2">
            <input type="checkbox" id={`gen-${g.name}`} name="generators" value={g.name} defaultChecked />
            <label htmlFor={`gen-${g.name}`}>
              {g.label} <span className="text-sm text-gray-600">({g.name})</span>
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} aria-describedby={busy ? "regenerate-busy" : undefined} className="rounded bg-gray-900 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? "Starting…" : "Regenerate"}
      </button>
      {busy && (
        <p id="regenerate-busy" className="text-sm text-gray-700">
          A job is running now; a new one will be refused until it ends.
        </p>
      )}
      <ActionMessage result={result} />
    </form>
  );
}
