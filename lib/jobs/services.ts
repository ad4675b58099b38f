import { hostname } from "node:os";
import { getServerEnv } from "@/lib/env";
import { openSqliteStore } from "@/lib/store";
import { JobStore, type StaleSweepOptions } from "@/lib/store/jobs";
import type { SqliteStore } from "@/lib/store/sqlite";
import { StaffStore } from "@/lib/store/staff";
import { isPidAlive } from "./state";

/** The store plus the staff and job tables on the same connection (so one transaction spans them). */
export interface JobServices {
  store: SqliteStore;
  staff: StaffStore;
  jobs: JobStore;
  sweep: StaleSweepOptions;
  close(): void;
}

export function sweepOptions(heartbeatTimeoutS = getServerEnv().JOB_HEARTBEAT_TIMEOUT_S): StaleSweepOptions {
  return { heartbeatTimeoutMs: heartbeatTimeoutS * 1000, queuedTimeoutMs: Math.max(60_000, heartbeatTimeoutS * 1000), host: hostname(), isPidAlive };
}

export function openJobServices(file?: string, sweep: StaleSweepOptions = sweepOptions()): JobServices {
  const store = openSqliteStore(file);
  return { store, staff: new StaffStore(store.db), jobs: new JobStore(store.db), sweep, close: () => store.close() };
}
