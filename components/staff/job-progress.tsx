"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { JobStatus } from "@/lib/jobs/overview";
import type { JobLogLine } from "@/lib/jobs/types";

const POLL_MS = 1000;
const ACTIVE = new Set(["queued", "running"]);

/**
 * Live progress of the latest regeneration job: polls the admin API once a second while a job
 * is active (and slowly otherwise, to notice a job started elsewhere, e.g. from the CLI).
 */
export function JobProgress({ initial }: { initial: JobStatus }) {
  const router = useRouter();
  const [job, setJob] = useState(initial.job);
  const [log, setLog] = useState<JobLogLine[]>(initial.log);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const lastLogId = useRef(initial.log.at(-1)?.id ?? 0);
  const lastJobId = useRef(initial.job?.id ?? null);
  const lastStage = useRef(initial.job ? `${initial.job.state}:${initial.job.stage}` : "");

  const poll = useCallback(async () => {
    try {
      const res = await fetch(`/api/admin/jobs/latest?after=${lastLogId.current}`, { cache: "no-store", headers: { accept: "application/json" } });
      if (!res.ok) {
        setError(res.status === 401 || res.status === 403 ? "Your session has ended: sign in again." : `Progress is unavailable (HTTP ${res.status}).`);
        return;
      }
      setError(null);
      const status = (await res.json()) as JobStatus;
      const next = status.job;
      if (next && next.id !== lastJobId.current) {
        lastJobId.current = next.id;
        lastLogId.current = 0;
        setLog([]);
        // The log lines we asked for were those after another job's id: fetch this job's from the start next time.
        setJob(next);
        return;
      }
      if (status.log.length) {
        lastLogId.current = status.log.at(-1)!.id;
        setLog((old) => [...old, ...status.log].slice(-300));
      }
      if (next) {
        const key = `${next.state}:${next.stage}`;
        if (key !== lastStage.current) {
          const wasActive = lastStage.current.split(":")[0];
          lastStage.current = key;
          setAnnouncement(ACTIVE.has(next.state) ? `Job ${next.id}: ${next.stage}` : `Job ${next.id} ${next.state}${next.error ? `: ${next.error}` : ""}`);
          // Refresh the server-rendered parts (current versions, history) when a job ends.
          if (wasActive && ACTIVE.has(wasActive) && !ACTIVE.has(next.state)) router.refresh();
        }
      }
      setJob(next);
    } catch {
      setError("Progress is unavailable: the server did not answer.");
    }
  }, [router]);

  const active = job ? ACTIVE.has(job.state) : false;
  useEffect(() => {
    const timer = setInterval(() => void poll(), active ? POLL_MS : POLL_MS * 5);
    return () => clearInterval(timer);
  }, [poll, active]);

  async function cancel() {
    if (!job) return;
    const res = await fetch(`/api/admin/jobs/${job.id}/cancel`, { method: "POST", headers: { accept: "application/json" } });
    if (!res.ok) setError(`Cancel was refused (HTTP ${res.status}).`);
    await poll();
  }

  if (!job) return <p>No regeneration has run yet.</p>;
  const percent = Math.round(job.percent);
  return (
    <div className="space-y-3" data-testid="job-progress" data-job-id={job.id} data-state={job.state}>
      <p className="sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <p>
        <strong>Job {job.id}</strong> ({job.summary}), requested by {job.requestedBy}: <span data-testid="job-state">{job.state}</span>
        {job.cancelRequested && job.state === "running" ? " (cancelling…)" : ""}
      </p>
      <div className="flex items-center gap-3">
        <progress max={100} value={percent} aria-label={`Job ${job.id} progress`} className="h-3 w-64" />
        <span data-testid="job-percent">{percent}%</span>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold">Stage</dt>
        <dd data-testid="job-stage">{job.stage}</dd>
        <dt className="font-semibold">Records</dt>
        <dd>
          {job.recordsDone.toLocaleString("en-GB")}
          {job.recordsTotal !== null ? ` of ${job.recordsTotal.toLocaleString("en-GB")}` : ""}
        </dd>
        {job.error && (
          <>
            <dt className="font-semibold">Error</dt>
            <dd className="text-red-800">{job.error}</dd>
          </>
        )}
      </dl>
      {active && (
        <button type="button" onClick={() => void cancel()} disabled={job.cancelRequested} className="rounded border border-red-700 px-3 py-1 font-semibold text-red-800 disabled:opacity-60">
          Cancel job
        </button>
      )}
      {error && (
        <p role="alert" className="text-red-800">
          {error}
        </p>
      )}
      <details open={active}>
        <summary className="cursor-pointer font-semibold">Job log ({log.length} lines)</summary>
        <ol className="mt-2 max-h-64 overflow-auto rounded bg-gray-50 p-2 font-mono text-xs" aria-label="Job log">
          {log.map((line) => (
            <li key={line.id} className={line.level === "error" ? "text-red-800" : line.level === "warn" ? "text-amber-800" : ""}>
              <time dateTime={line.at}>{line.at.slice(11, 19)}</time> {line.message}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
