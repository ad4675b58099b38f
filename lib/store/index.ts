import fs from "node:fs";
import path from "node:path";
import { workPaths } from "@/lib/env";
import { SqliteStore } from "@/lib/store/sqlite";
import type { Store } from "@/lib/store/types";

export type { Store, IngestSummary, Prediction, PredictionVersion, UpsertOptions } from "@/lib/store/types";
export { StoreError } from "@/lib/store/sqlite";

/**
 * Open the store, creating and migrating it on first use. `file` defaults to
 * `<WORK_DIR>/store.sqlite`; ":memory:" gives a private in-memory store for tests.
 * Callers see only the Store interface; modules inside lib/store that keep their own tables in
 * the same database (jobs, staff) use `openSqliteStore` for the handle.
 */
export function openStore(file: string = workPaths().store): Store {
  return openSqliteStore(file);
}

export function openSqliteStore(file: string = workPaths().store): SqliteStore {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new SqliteStore(file);
}
