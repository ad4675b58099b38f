import "server-only";
import { getServerEnv, workPaths } from "@/lib/env";
import { EmbeddedSearchEngine } from "@/lib/search/embedded";
import { reportSearchAvailable, reportSearchUnavailable } from "@/lib/search/availability";
import { SearchUnavailableError } from "@/lib/search/errors";
import { getSearchDocs } from "@/lib/search/snapshot";
import type { SearchEngine } from "@/lib/search/types";
import { getFacetTable, toFacetTableFingerprint } from "@/lib/facets/live-table";
import { syncPromotedFacets } from "@/lib/promotion/sync";
import { openSqliteStore } from "@/lib/store";
import type { SqliteStore } from "@/lib/store/sqlite";

/**
 * The process-wide search engine: built from the store at first use, then kept in step with it by
 * polling the store's revision and rebuilding aside + swapping when it moves (a new ingest, a
 * prediction version switch or a rollback). Kept on globalThis because Next may evaluate this module
 * once per route bundle; one index per process is the point.
 */
export const REVISION_POLL_MS = 2_000;

export interface SearchServiceStatus {
  state: "idle" | "starting" | "ready" | "failed";
  engine: SearchEngine["kind"];
  records: number | null;
  revision: number | null;
  builtAt: string | null;
  lastBuildMs: number | null;
  error: string | null;
}

interface Service {
  ready: Promise<SearchEngine>;
  engine: SearchEngine | null;
  store: SqliteStore | null;
  status: SearchServiceStatus;
  timer: ReturnType<typeof setInterval> | null;
  rebuilding: boolean;
  /** Fingerprint of the facet table the engine was built with (promoted facets change it). */
  table: string | null;
}

const KEY = Symbol.for("glam-ml-facets.search-service");
type Holder = { [KEY]?: Service };

function engineKind(): SearchEngine["kind"] {
  return getServerEnv().MEILI_URL ? "meilisearch" : "embedded";
}

async function createEngine(): Promise<SearchEngine> {
  const env = getServerEnv();
  if (env.MEILI_URL) {
    const { createMeilisearchEngine } = await import("@/lib/search/meilisearch/server");
    return createMeilisearchEngine();
  }
  return EmbeddedSearchEngine.create([], { facets: getFacetTable() });
}

async function rebuild(service: Service, store: SqliteStore, engine: SearchEngine): Promise<SearchEngine> {
  const started = performance.now();
  // Read the revision first: a change during the build moves it again and the next poll catches it.
  const revision = store.getRevision();
  // A facet promoted or retired by staff changes the facet table itself (lib/promotion).
  // (Another request in this process, e.g. the promote action, may have installed the new table already.)
  syncPromotedFacets(store.db);
  const table = toFacetTableFingerprint();
  // From the checksummed snapshot when intact and current, else projected from the store (logged).
  const docs = getSearchDocs(store, workPaths().indexes);
  let next = engine;
  // The embedded engine fixes its facet columns when built: a new table means a new engine, swapped in whole.
  if (service.table !== null && service.table !== table && engine.kind === "embedded") next = await EmbeddedSearchEngine.create(docs, { facets: getFacetTable() });
  else await engine.replaceAll(docs);
  service.table = table;
  service.engine = next;
  service.ready = Promise.resolve(next);
  service.status = {
    ...service.status,
    state: "ready",
    records: await next.count(),
    revision,
    builtAt: new Date().toISOString(),
    lastBuildMs: Math.round(performance.now() - started),
    error: null,
  };
  return next;
}

function start(holder: Holder): Service {
  const service: Service = {
    ready: Promise.resolve(null as unknown as SearchEngine),
    engine: null,
    store: null,
    status: { state: "starting", engine: engineKind(), records: null, revision: null, builtAt: null, lastBuildMs: null, error: null },
    timer: null,
    rebuilding: false,
    table: null,
  };
  service.ready = (async () => {
    try {
      const store = openSqliteStore(workPaths().store);
      service.store = store;
      syncPromotedFacets(store.db);
      service.table = toFacetTableFingerprint();
      const engine = await rebuild(service, store, await createEngine());
      service.timer = setInterval(() => void poll(service), REVISION_POLL_MS);
      service.timer.unref();
      return engine;
    } catch (cause) {
      service.status = { ...service.status, state: "failed", error: cause instanceof Error ? cause.message : String(cause) };
      service.store?.close();
      // Forget the failed attempt so the next request tries again (e.g. Meilisearch came back).
      if (holder[KEY] === service) delete holder[KEY];
      throw new SearchUnavailableError("search engine unavailable", { cause });
    }
  })();
  service.ready.catch(() => undefined);
  return service;
}

async function poll(service: Service): Promise<void> {
  const { store, engine } = service;
  if (!store || !engine || service.rebuilding) return;
  try {
    if (store.getRevision() === service.status.revision) return;
    service.rebuilding = true;
    await rebuild(service, store, engine);
  } catch (cause) {
    // The old index keeps serving; the error shows in the health status and the next poll retries.
    service.status = { ...service.status, error: `rebuild failed: ${cause instanceof Error ? cause.message : String(cause)}` };
    console.error("search index rebuild failed", cause);
  } finally {
    service.rebuilding = false;
  }
}

/** The engine, once its first index is built; throws SearchUnavailableError when it cannot be. */
export async function getSearchEngine(): Promise<SearchEngine> {
  const holder = globalThis as Holder;
  holder[KEY] ??= start(holder);
  try {
    const engine = await holder[KEY].ready;
    // The embedded engine cannot go away once built; Meilisearch reports each call itself.
    if (engine.kind === "embedded") reportSearchAvailable();
    return engine;
  } catch (error) {
    reportSearchUnavailable(error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error));
    throw error;
  }
}

/** Starts the engine if needed and reports its state without waiting for it (for /api/health). */
export function getSearchStatus(): SearchServiceStatus {
  const holder = globalThis as Holder;
  holder[KEY] ??= start(holder);
  return holder[KEY].status;
}

/** Checks the store now instead of at the next poll (after a regeneration job, in tests). */
export async function refreshSearchIndex(): Promise<void> {
  const service = (globalThis as Holder)[KEY];
  if (!service) return;
  await service.ready;
  await poll(service);
}
