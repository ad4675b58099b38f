import "server-only";
import { workPaths } from "@/lib/env";
import { openJobServices, type JobServices } from "./services";

/** The web server's handle on the store, staff and job tables (one per process, like getStore()). */
const KEY = Symbol.for("glam-ml-facets.job-services");
type Holder = { [KEY]?: JobServices };

export function getJobServices(): JobServices {
  const holder = globalThis as Holder;
  holder[KEY] ??= openJobServices(workPaths().store);
  return holder[KEY];
}
