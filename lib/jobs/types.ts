/** Regeneration jobs: what the store keeps, the admin pages show and the worker updates. */

export const JOB_STATES = ["queued", "running", "done", "failed", "cancelled", "stale"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_KINDS = ["regenerate", "rollback"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export type RegenerateMode = "repredict" | "retrain";

export interface RegenerateOptions {
  mode: RegenerateMode;
  /** Generator names (see lib/facets/generators); empty means none, which is refused earlier. */
  generators: string[];
}

export interface RollbackOptions {
  generator: string;
  version: string;
  previous: string | null;
}

export interface ChangeExample {
  recordId: string;
  title: string | null;
  from: string | null;
  to: string | null;
}

export interface GeneratorOutcome {
  generator: string;
  version: string;
  /** The version that was current when the job started (what it is compared with). */
  previous: string | null;
  records: number;
  /** Records whose value differs from the previous version (including newly predicted ones). */
  changed: number;
  examples: ChangeExample[];
  /** The version's own meta: model version, metrics, labels used... */
  meta: Record<string, unknown>;
}

export interface JobResult {
  outcomes: GeneratorOutcome[];
  /** Set when the job retrained: the model folder/version and its evaluation metrics. */
  training?: { modelVersion: string; metrics: Record<string, unknown> } | undefined;
}

export interface JobProgress {
  stage: string;
  percent: number;
  recordsDone: number;
  recordsTotal: number | null;
}

export interface Job extends JobProgress {
  id: number;
  kind: JobKind;
  state: JobState;
  options: RegenerateOptions | RollbackOptions;
  requestedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  pid: number | null;
  host: string | null;
  cancelRequested: boolean;
  error: string | null;
  result: JobResult | null;
}

export interface JobLogLine {
  id: number;
  at: string;
  level: "info" | "warn" | "error";
  message: string;
}
