import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "@/lib/store";
import type { Store } from "@/lib/store/types";
import { buildTestRecord } from "@/lib/testing/book-record";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "fast-search-"));
let store: Store;

beforeAll(() => {
  process.env.WORK_DIR = workDir;
  process.env.MEILI_URL = "";
  store = openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords([buildTestRecord("f1", "A History of Bath", { year: 1850 }), buildTestRecord("f2", "Tales of to-day", { year: 1871 })]);
});
afterAll(() => {
  store.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const request = (query: string, headers: Record<string, string> = {}) => ({
  method: "GET",
  url: new URL(`http://test/api/search${query}`),
  headers: new Headers({ "x-forwarded-for": "203.0.113.9", ...headers }),
});

describe("answerSearchFast (the custom server's /api/search)", () => {
  it("answers the same JSON as the App Router route, with the security headers proxy.ts adds", async () => {
    const { answerSearchFast } = await import("@/lib/http/fast-search-route");
    const { GET } = await import("@/app/api/search/route");
    const fast = await answerSearchFast(request("?q=bath"));
    const routed = await GET(new Request("http://test/api/search?q=bath&page=1"));
    expect(fast.status).toBe(200);
    const a = JSON.parse(fast.body) as { total: number; hits: Array<{ id: string }>; took_ms: number };
    const b = (await routed.json()) as typeof a;
    expect({ ...a, took_ms: 0 }).toEqual({ ...b, took_ms: 0 });
    expect(a.hits.map((h) => h.id)).toEqual(["f1"]);
    expect(fast.headers["content-type"]).toBe("application/json");
    expect(fast.headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(fast.headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(fast.headers["cache-control"]).toBe("no-store");
  });

  it("answers a repeated search from the result cache, and a changed store with fresh results", async () => {
    const { answerSearchFast } = await import("@/lib/http/fast-search-route");
    const { refreshSearchIndex } = await import("@/lib/search/server");
    const first = await answerSearchFast(request("?q=tales"));
    const second = await answerSearchFast(request("?q=tales"));
    expect(first.headers["x-search-cache"]).toBe("miss");
    expect(second.headers["x-search-cache"]).toBe("hit");
    expect(second.body).toBe(first.body);

    store.upsertRecords([buildTestRecord("f3", "Tales of the sea", { year: 1880 })]);
    await refreshSearchIndex();
    const after = await answerSearchFast(request("?q=tales"));
    expect(after.headers["x-search-cache"]).toBe("miss");
    expect((JSON.parse(after.body) as { total: number }).total).toBe(2);
  });

  it("refuses bad parameters with a 400 naming the parameter, and oversized bodies with a 413", async () => {
    const { answerSearchFast } = await import("@/lib/http/fast-search-route");
    const bad = await answerSearchFast(request("?per_page=-3"));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ param: "per_page" });
    const big = await answerSearchFast(request("?q=bath", { "content-length": String(10 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(big.body).toMatch(/over the limit/);
    expect(big.headers["X-Content-Type-Options"]).toBe("nosniff");
  });
});
