/**
 * Runs once when the Next server starts. Registers the routes the custom server answers before
 * Next's router (lib/http/fast-routes.ts); under `next start` or `next dev` nothing reads them.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerSearchFastRoute } = await import("@/lib/http/fast-search-route");
  registerSearchFastRoute();
}
