import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { parseRecordsFile } from "@/lib/records/parse";
import { openStore } from "@/lib/store";
import { MeiliPeer } from "@/lib/testing/meili-peer";
import { loadFixturePredictions } from "./fixture-predictions";

/**
 * Meilisearch going away and coming back under a real `next start`: MEILI_URL points at a small
 * HTTP peer speaking Meilisearch's API (lib/testing/meili-peer.ts) that the test stops and starts.
 * Pages must answer a clear 503 page and the API 503 JSON, and both recover with no restart.
 * Port E2E_FAULTS_PORT (default 3811); the peer listens on the next port.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.E2E_FAULTS_PORT ?? 3811);
const BASE = `http://127.0.0.1:${PORT}`;
const peer = new MeiliPeer();
let server: ChildProcess | undefined;
let workDir = "";
let output = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(300_000);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-faults-"));
  const parsed = await parseRecordsFile(path.join(ROOT, "e2e", "fixtures", "collection.csv"));
  const store = openStore(path.join(workDir, "store.sqlite"));
  store.upsertRecords(parsed.records);
  loadFixturePredictions(store, path.join(ROOT, "e2e", "fixtures", "predictions.csv"));
  store.close();
  peer.port = PORT + 1;
  // Meilisearch is down when the portal starts.
  server = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, WORK_DIR: workDir, MEILI_URL: peer.url, MEILI_INDEX: "e2e_faults", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  server.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 120_000;
  while (!/Ready in/.test(output)) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`next start did not come up:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  await peer.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Until the page is served (the breaker lets one probe through every 5 s); the statuses seen on the way. */
async function pageUntilServed(p: string, maxMs = 30_000): Promise<{ statuses: number[]; html: string }> {
  const statuses: number[] = [];
  const deadline = Date.now() + maxMs;
  for (;;) {
    const res = await fetch(`${BASE}${p}`);
    statuses.push(res.status);
    const html = await res.text();
    if (res.status === 200) return { statuses, html };
    if (Date.now() > deadline) throw new Error(`${p} not served within ${maxMs} ms: ${statuses.join(", ")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function expectDown() {
  // The request that meets the outage renders the app's error page (status chosen by Next's
  // streaming); the next ones get the 503 page from proxy.ts at once.
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await fetch(`${BASE}/?q=history`);
    statuses.push(res.status);
    const html = await res.text();
    expect(html, `request ${i + 1}`).not.toContain('data-testid="result-count"');
    // The first answer streams the loading skeleton, then an error the browser renders with error.tsx.
    if (i === 0) expect(html).toMatch(/digest/);
    else {
      expect(res.status, `request ${i + 1}`).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^[1-5]$/);
      expect(html).toContain("The search is temporarily unavailable");
    }
  }
  const api = await fetch(`${BASE}/api/search?q=history`);
  expect(api.status, `server output:\n${output.slice(-2500)}`).toBe(503);
  expect(((await api.json()) as { error: string }).error).toMatch(/unavailable|unreachable/i);
  return statuses;
}

test("Meilisearch down at start: a 503 page and 503 JSON, then served when it comes up", async ({ page }) => {
  const statuses = await expectDown();
  // In a real browser too: the 503 page renders, under the policy, with its message.
  const res = await page.goto(`${BASE}/`);
  expect(res?.status()).toBe(503);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The search is temporarily unavailable");
  await peer.start();
  const served = await pageUntilServed("/");
  expect(served.html).toContain('data-testid="result-count"');
  console.log(`[faults] down at start: page statuses ${statuses.join(", ")}; served again after ${served.statuses.length} requests (${served.statuses.join(", ")})`);
  expect((await fetch(`${BASE}/api/search`)).status).toBe(200);
});

test("Meilisearch going away while serving, then returning", async () => {
  await peer.stop();
  const statuses = await expectDown();
  await peer.start();
  const served = await pageUntilServed("/?q=history");
  console.log(`[faults] outage while serving: page statuses ${statuses.join(", ")}; served again after ${served.statuses.length} requests`);
  expect((await fetch(`${BASE}/api/search?q=history`)).status).toBe(200);
  expect(output).toMatch(/\[search\] the search engine is unavailable/);
  expect(output).toMatch(/\[search\] the search engine answers again/);
});
