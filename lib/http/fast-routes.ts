/**
 * Routes the custom server (scripts/serve.ts) answers itself, before Next's router. Next's
 * per-request machinery (routing, proxy.ts, web-stream bodies, tracing) costs about 3 ms of CPU on
 * this machine, more than the search itself, so the hottest JSON route skips it.
 *
 * Handlers are registered from inside Next's server bundle (instrumentation.ts) and looked up by
 * the custom server, so both share one copy of the app's modules and state (one search index per
 * process); the registry lives on globalThis for that reason. This module imports nothing of the
 * app on purpose.
 */

export interface FastRequest {
  method: string;
  url: URL;
  headers: Headers;
}

export interface FastResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type FastHandler = (request: FastRequest) => Promise<FastResponse>;

const KEY = Symbol.for("glam-ml-facets.fast-routes");
type Holder = { [KEY]?: Map<string, FastHandler> };

function routes(): Map<string, FastHandler> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

/** `pathname` is matched exactly (no trailing slash, no parameters in the path). */
export function registerFastRoute(pathname: string, handler: FastHandler): void {
  routes().set(pathname, handler);
}

/** The handler for a GET to this path, if one is registered. */
export function findFastRoute(method: string | undefined, pathname: string): FastHandler | undefined {
  if (method !== "GET") return undefined;
  return routes().get(pathname);
}

export function clearFastRoutes(): void {
  routes().clear();
}
