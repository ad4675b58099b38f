import type { Metadata } from "next";
import { JobProgress } from "@/components/staff/job-progress";
import { RegenerateForm } from "@/components/staff/regenerate-form";
import { VersionsTable } from "@/components/staff/rollback-form";
import { requireStaff } from "@/lib/auth/guards";
import { roleAllows } from "@/lib/auth/roles";
import { getFacetTable } from "@/lib/facets/live-table";
import { getGeneratorNames } from "@/lib/promotion/sync";
import { TRAINABLE } from "@/lib/jobs/facet-work";
import { readModelMetrics } from "@/lib/jobs/model-metrics";
import { getFacetStates, getHistory, getLatestJobStatus, type HistoryRow } from "@/lib/jobs/overview";
import { getJobServices } from "@/lib/jobs/server";
import { regenerateAction, rollbackAction } from "./actions";
import { StaffTableHead } from "@/components/staff/table-head";

export const metadata: Metadata = { title: "Facets" };
export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const fmtDate = (iso: string | null) => (iso ? `${dateFormat.format(new Date(iso))} UTC` : "—");
const fmtNumber = (n: number) => n.toLocaleString("en-GB");

function fmtDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function Metrics({ metrics }: { metrics: Record<string, unknown> }) {
  const entries = Object.entries(metrics).filter(([, v]) => typeof v === "number" || typeof v === "string");
  if (entries.length === 0) return <span className="text-gray-600">no metrics recorded</span>;
  return (
    <span>
      {entries.map(([k, v], i) => (
        <span key={k}>
          {i > 0 && ", "}
          {k} {typeof v === "number" ? (Number.isInteger(v) ? fmtNumber(v) : v.toFixed(3)) : String(v)}
        </span>
      ))}
    </span>
  );
}

function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  if (rows.length === 0) return <p>No runs yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="history">
        <caption className="sr-only">Regeneration and rollback history, newest first</caption>
        <StaffTableHead columns={["Job", "What", "Who", "When", "Duration", "State", "Result"]} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-gray-200 align-top" data-job-id={r.id}>
              <td className="py-1 pr-3">{r.id}</td>
              <td className="py-1 pr-3">{r.summary}</td>
              <td className="py-1 pr-3">{r.requestedBy}</td>
              <td className="py-1 pr-3">{fmtDate(r.createdAt)}</td>
              <td className="py-1 pr-3">{fmtDuration(r.durationMs)}</td>
              <td className="py-1 pr-3">{r.state}</td>
              <td className="py-1">
                {r.error && <p className="text-red-800">{r.error}</p>}
                {r.training && (
                  <p>
                    Trained model {r.training.modelVersion}: <Metrics metrics={r.training.metrics} />
                  </p>
                )}
                {r.outcomes.map((o) => (
                  <details key={o.generator}>
                    <summary className="cursor-pointer">
                      {o.generator}: <span className="font-mono text-xs">{o.version}</span>, {fmtNumber(o.changed)} of {fmtNumber(o.records)} records changed value
                      {typeof o.meta.modelVersion === "string" ? ` (model ${o.meta.modelVersion})` : ""}
                    </summary>
                    <p className="text-gray-700">
                      Compared with <span className="font-mono text-xs">{o.previous ?? "no previous version"}</span>. <Metrics metrics={readModelMetrics(o.meta)} />
                    </p>
                    {o.examples.length > 0 && (
                      <ul className="list-disc pl-5">
                        {o.examples.map((e) => (
                          <li key={e.recordId}>
                            <a href={`/records/${encodeURIComponent(e.recordId)}`} className="underline">
                              {e.title ?? e.recordId}
                            </a>
                            : {e.from ?? "no value"} → {e.to ?? "no value"}
                          </li>
                        ))}
                      </ul>
                    )}
                  </details>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function AdminPage() {
  const session = await requireStaff("/admin");
  const services = getJobServices();
  const registered = getGeneratorNames(services.store.db);
  // Every machine facet of the table is shown (it may have versions from an earlier setup), but
  // only registered generators can be regenerated.
  const tableGenerators = getFacetTable().flatMap((f) => (f.generator ? [f.generator] : []));
  const states = getFacetStates(services, [...new Set([...tableGenerators, ...registered])]);
  const history = getHistory(services);
  const status = getLatestJobStatus(services);
  const busy = Boolean(status.job && (status.job.state === "queued" || status.job.state === "running"));
  const canRollback = roleAllows(session.role, "admin");

  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-bold">Machine-generated facets</h1>

      <section aria-labelledby="current-heading" className="space-y-3">
        <h2 id="current-heading" className="text-xl font-semibold">
          Current state
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="current-state">
            <StaffTableHead columns={["Facet", "Current version", "Model", "Records", "Metrics"]} />
            <tbody>
              {states.map((s) => (
                <tr key={s.generator} className="border-t border-gray-200 align-top" data-generator={s.generator}>
                  <th scope="row" className="py-1 pr-3 font-semibold">{s.label}</th>
                  <td className="py-1 pr-3 font-mono text-xs" data-testid={`current-${s.generator}`}>{s.current?.version ?? "none yet"}</td>
                  <td className="py-1 pr-3">{s.current?.modelVersion ?? "—"}</td>
                  <td className="py-1 pr-3">{s.current ? fmtNumber(s.current.records) : "—"}</td>
                  <td className="py-1">{s.current ? <Metrics metrics={s.current.metrics} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="regenerate-heading" className="space-y-3">
        <h2 id="regenerate-heading" className="text-xl font-semibold">
          Regenerate facets
        </h2>
        <RegenerateForm
          action={regenerateAction}
          busy={busy}
          generators={states.filter((s) => registered.includes(s.generator)).map((s) => ({ name: s.generator, label: s.label, trainable: Boolean(TRAINABLE[s.generator]) }))}
        />
      </section>

      <section aria-labelledby="progress-heading" className="space-y-3">
        <h2 id="progress-heading" className="text-xl font-semibold">
          Latest job
        </h2>
        <JobProgress key={status.job?.id ?? "none"} initial={status} />
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-xl font-semibold">
          History of runs
        </h2>
        <HistoryTable rows={history} />
      </section>

      <section aria-labelledby="versions-heading" className="space-y-4">
        <h2 id="versions-heading" className="text-xl font-semibold">
          Versions and rollback
        </h2>
        <p className="text-sm text-gray-700">Rolling back makes an earlier version current again in one step; the search index follows within seconds.</p>
        {states.map((s) => (
          <div key={s.generator} className="overflow-x-auto">
            <VersionsTable action={rollbackAction} generator={s.generator} label={s.label} versions={s.versions} canRollback={canRollback} />
          </div>
        ))}
      </section>
    </div>
  );
}
