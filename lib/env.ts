import path from "node:path";
import { z } from "zod";

/**
 * Server configuration, validated once. Read it through `getServerEnv()`, never from
 * `process.env` directly, so a wrong value fails early with a message naming the variable.
 */
const serverEnvSchema = z.object({
  /** Folder holding the BL data files (may be read-only). */
  BL_DATA_DIR: z.string().min(1).optional(),
  /** Folder for everything the project writes: store, rejects, indexes, models, reports. */
  WORK_DIR: z.string().min(1).default(path.join(process.cwd(), "work")),
  /** Meilisearch URL; when unset, the embedded engine serves. */
  MEILI_URL: z.url().optional(),
  MEILI_API_KEY: z.string().optional(),
  /** Index name prefix in Meilisearch (lets tests use their own indexes). */
  MEILI_INDEX: z.string().regex(/^[A-Za-z0-9_-]+$/).default("bl_books"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** Single sign-on (OpenID Connect): switched on when issuer, client id and secret are all set. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Button text on the sign-in page. */
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  /** Claim holding the user's groups (dots reach into objects: "realm_access.roles"). */
  OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
  /** "group-a:staff,group-b:admin". Users in no mapped group get no role. */
  OIDC_ROLE_MAP: z.string().optional(),
  /** Seconds without a heartbeat after which a running regeneration job is declared stale. */
  JOB_HEARTBEAT_TIMEOUT_S: z.coerce.number().int().min(5).max(3600).default(60),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  // Empty strings mean "unset" (a common shell habit: MEILI_URL= npm start).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = serverEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`, { cause: result.error });
  }
  return result.data;
}

export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** Paths under the working folder; one place so scripts, server and tests agree. */
export function workPaths(env: Pick<ServerEnv, "WORK_DIR"> = getServerEnv()) {
  const root = path.resolve(env.WORK_DIR);
  return {
    root,
    store: path.join(root, "store.sqlite"),
    rejects: path.join(root, "rejects"),
    indexes: path.join(root, "indexes"),
    models: path.join(root, "models"),
    reports: path.join(root, "reports"),
    data: path.join(root, "data"),
    secrets: path.join(process.cwd(), ".env.local"),
  };
}
