"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/app/(staff)/admin/actions";
import { ActionMessage } from "./action-message";

type Action = (prev: ActionResult, form: FormData) => Promise<ActionResult>;

export function AddStaffForm({ action }: { action: Action }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="max-w-md space-y-3">
      <div>
        <label htmlFor="new-email" className="block font-medium">E-mail</label>
        <input id="new-email" name="email" type="email" required autoComplete="off" className="mt-1 w-full rounded border border-gray-400 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="new-role" className="block font-medium">Role</label>
        <select id="new-role" name="role" defaultValue="staff" className="mt-1 rounded border border-gray-400 px-3 py-2">
          <option value="staff">staff: view admin pages, regenerate</option>
          <option value="admin">admin: also accounts and rollback</option>
          <option value="none">none: can sign in, refused everywhere</option>
        </select>
      </div>
      <div>
        <label htmlFor="new-password" className="block font-medium">Initial password</label>
        <input id="new-password" name="password" type="password" required minLength={12} autoComplete="new-password" aria-describedby="new-password-help" className="mt-1 w-full rounded border border-gray-400 px-3 py-2" />
        <p id="new-password-help" className="text-sm text-gray-600">At least 12 characters.</p>
      </div>
      <button type="submit" disabled={pending} className="rounded bg-gray-900 px-4 py-2 font-semibold text-white disabled:opacity-60">
        {pending ? "Adding…" : "Add account"}
      </button>
      <ActionMessage result={result} />
    </form>
  );
}

export function RemoveStaffForm({ action, email }: { action: Action; email: string }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="email" value={email} />
      <button type="submit" disabled={pending} aria-label={`Remove ${email}`} className="rounded border border-red-700 px-2 py-1 text-sm text-red-800 disabled:opacity-60">
        Remove
      </button>
      <ActionMessage result={result} />
    </form>
  );
}
