import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestRecord } from "@/lib/testing/book-record";
import { MeiliPeer } from "@/lib/testing/meili-peer";

/**
 * Meilisearch going away and coming back, on the wire: MEILI_URL points at a local port, first
 * closed (nothing listens), then at a small HTTP peer that speaks Meilisearch's API, which the
 * test stops and starts again. The routes must answer 503 JSON with a message, never crash or
 * 500, and serve again once the peer is back, with no restart.
 */

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "meili-down-"));
const peer = new MeiliPeer();

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", () => resolve()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

let searchRoute: typeof import("@/app/api/search/route");
let availability: typeof import("@/lib/search/availability");
let healthRoute: typeof import("@/app/api/health/route");

beforeAll(async () => {
  peer.port = await freePort();
  process.env.WORK_DIR = workDir;
  process.env.MEILI_URL = `http://127.0.0.1:${peer.port}`;
  process.env.MEILI_API_KEY = "meili-test-key-0123456789";
  process.env.MEILI_INDEX = "fault_test";
  const { openStore } = await import("@/lib/store");
  const store = openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords([buildTestRecord("m1", "A History of Bath", { year: 1850 }), buildTestRecord("m2", "Tales of to-day", { year: 1871 }), buildTestRecord("m3", "Histoire de Paris")]);
  store.close();
  searchRoute = await import("@/app/api/search/route");
  healthRoute = await import("@/app/api/health/route");
  availability = await import("@/lib/search/availability");
});

afterAll(async () => {
  await peer.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

const search = () => searchRoute.GET(new Request("http://test/api/search?per_page=10"));

/**
 * Requests until one is served (a request that joined an attempt started while the peer was down
 * still gets that attempt's 503); returns the statuses seen. Bounded, so a server that never
 * recovers fails the test.
 */
async function searchUntilServed(maxTries = 20): Promise<{ statuses: number[]; res: Response }> {
  const statuses: number[] = [];
  for (let i = 0; i < maxTries; i++) {
    const res = await search();
    statuses.push(res.status);
    if (res.status === 200) return { statuses, res };
    expect(res.status).toBe(503);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not served after ${maxTries} tries: ${statuses.join(", ")}`);
}

async function expect503(res: Response, fragment: RegExp) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  expect(res.headers.get("retry-after")).toBe("5");
  const body = (await res.json()) as { error: string; cause?: string };
  expect(body.error).toMatch(fragment);
  // The message names the server, never the key.
  expect(JSON.stringify(body)).not.toContain("meili-test-key");
  return body;
}

describe("Meilisearch unreachable", () => {
  it("answers 503 JSON while nothing listens at MEILI_URL, also on every later request", async () => {
    for (let i = 0; i < 3; i++) await expect503(await search(), /unavailable/);
    const health = await healthRoute.GET();
    expect(health.status).toBe(503);
    // Search pages now get the 503 page from proxy.ts without trying the engine each time.
    expect(availability.getSearchOutage()?.reason).toMatch(/unreachable/);
  });

  it("serves once Meilisearch comes up, with no restart", async () => {
    await peer.start();
    const { statuses, res } = await searchUntilServed();
    expect(statuses.length).toBeLessThanOrEqual(2);
    const body = (await res.json()) as { total: number; hits: Array<{ id: string }> };
    expect(body.total).toBe(3);
    expect(body.hits.map((h) => h.id).sort()).toEqual(["m1", "m2", "m3"]);
    expect(peer.requests).toContain("POST /swap-indexes");
    expect(availability.getSearchOutage()).toBeNull();
  });

  it("answers 503 JSON when it goes away while serving, and recovers when it returns", async () => {
    await peer.stop();
    const down = await expect503(await search(), /Meilisearch unreachable \(search\)/);
    expect(down.cause).toBeTruthy();
    expect(availability.getSearchOutage()?.reason).toBe("Meilisearch unreachable (search)");
    await peer.start();
    const { statuses, res } = await searchUntilServed();
    // The engine is kept across the outage: the first request after the peer is back is served.
    expect(statuses).toEqual([200]);
    expect(((await res.json()) as { total: number }).total).toBe(3);
    expect(availability.getSearchOutage()).toBeNull();
  });
});
