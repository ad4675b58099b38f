import "server-only";
import { workPaths } from "@/lib/env";
import { openStore } from "@/lib/store";
import type { Store } from "@/lib/store/types";

/**
 * The web server's one store handle. Kept on globalThis because Next may evaluate this module
 * once per route bundle (and again on every dev reload); one SQLite handle per process is enough
 * and avoids leaking file descriptors.
 */
const KEY = Symbol.for("glam-ml-facets.store");
type Holder = { [KEY]?: Store };

export async function getStore(): Promise<Store> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openStore(workPaths().store);
  return holder[KEY];
}
