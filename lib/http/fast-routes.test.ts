import { afterEach, describe, expect, it } from "vitest";
import { clearFastRoutes, findFastRoute, registerFastRoute, type FastHandler } from "@/lib/http/fast-routes";

const handler: FastHandler = async () => ({ status: 200, headers: {}, body: "ok" });

describe("fast routes", () => {
  afterEach(() => clearFastRoutes());

  it("finds a registered route for GET on its exact path only", () => {
    registerFastRoute("/api/search", handler);
    expect(findFastRoute("GET", "/api/search")).toBe(handler);
    expect(findFastRoute("GET", "/api/search/")).toBeUndefined();
    expect(findFastRoute("GET", "/api/searches")).toBeUndefined();
    // Anything else goes to Next (HEAD, POST: Next's route and proxy answer them).
    expect(findFastRoute("POST", "/api/search")).toBeUndefined();
    expect(findFastRoute("HEAD", "/api/search")).toBeUndefined();
    expect(findFastRoute(undefined, "/api/search")).toBeUndefined();
  });

  it("shares one registry between copies of the module (Next's bundle registers, the custom server reads)", async () => {
    registerFastRoute("/api/x", handler);
    const registry = (globalThis as Record<symbol, unknown>)[Symbol.for("glam-ml-facets.fast-routes")] as Map<string, FastHandler>;
    expect(registry.get("/api/x")).toBe(handler);
  });
});
