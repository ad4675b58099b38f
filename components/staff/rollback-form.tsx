"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/app/(staff)/admin/actions";
import type { VersionSummary } from "@/lib/jobs/overview";
import { ActionMessage } from "./action-message";

type Action = (prev: ActionResult, form: FormData) => Promise<ActionResult>;

function Metrics({ metrics }: { metrics: Record<string, number | string> }) {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return <span className="text-gray-600">no metrics recorded</span>;
  return <span>{entries.map(([k, v]) => `${k} ${typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : String(v)}`).join(", ")}</span>;
}

/**
 * One facet's stored versions with a Rollback button each. The outcome message belongs to the
 * table, not the row: after a rollback the row becomes "current" and loses its button.
 */
export function VersionsTable({ action, generator, label, versions, canRollback }: { action: Action; generator: string; label: string; versions: VersionSummary[]; canRollback: boolean }) {
  const [result, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-2">
      <table className="w-full text-left text-sm" data-testid={`versions-${generator}`}>
        <caption className="text-left font-semibold">{label}</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-3">Version</th>
            <th scope="col" className="pr-3">Created</th>
            <th scope="col" className="pr-3 text-right">Records</th>
            <th scope="col" className="pr-3">Metrics</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className="border-t border-gray-200 align-top">
              <td className="py-1 pr-3 font-mono text-xs">{v.version}</td>
              <td className="py-1 pr-3">{v.createdAt.replace("T", " ").slice(0, 19)} UTC</td>
              <td className="py-1 pr-3 text-right">{v.records.toLocaleString("en-GB")}</td>
              <td className="py-1 pr-3">
                <Metrics metrics={v.metrics} />
              </td>
              <td className="py-1">
                {v.current ? (
                  <strong>current</strong>
                ) : !v.publishable ? (
                  <span className="text-gray-600">from an unfinished job</span>
                ) : canRollback ? (
                  <form action={formAction}>
                    <input type="hidden" name="generator" value={generator} />
                    <input type="hidden" name="version" value={v.version} />
                    <button type="submit" disabled={pending} className="rounded border border-gray-900 px-2 py-1 text-sm font-semibold disabled:opacity-60" aria-label={`Roll back ${generator} to ${v.version}`}>
                      Roll back to this
                    </button>
                  </form>
                ) : (
                  <span className="text-gray-600">admins can roll back</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionMessage result={result} />
    </div>
  );
}
