import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests drive a real Chromium against `next start` serving the hand-written fixture
 * collection (e2e/serve-fixture.ts). Chromium comes from CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium, else Playwright's own download; `npx playwright install` needs a network
 * that CI does not have, so CI installs Debian's package (.ci/run).
 */
function findChromium(): string {
  const candidates: Array<[string, string | undefined]> = [
    ["CHROMIUM_PATH", process.env.CHROMIUM_PATH],
    ["Debian chromium", "/usr/bin/chromium"],
    ["Playwright's chromium", safeExecutablePath()],
  ];
  if (process.env.CHROMIUM_PATH && !fs.existsSync(process.env.CHROMIUM_PATH)) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
  }
  for (const [, file] of candidates) if (file && fs.existsSync(file)) return file;
  throw new Error(
    [
      "No Chromium found for the end-to-end tests. Looked at:",
      ...candidates.map(([name, file]) => `  - ${name}: ${file ?? "(not set)"}`),
      "Install one of them:",
      "  apt-get update && apt-get install -y chromium      (Debian/Ubuntu; what CI does)",
      "  or set CHROMIUM_PATH=/path/to/chrome-or-chromium",
      "  or, with a network, npx playwright install chromium",
    ].join("\n"),
  );
}

function safeExecutablePath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3300);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: "**/phone.spec.ts" },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, testMatch: "**/phone.spec.ts" },
  ],
  webServer: {
    command: `npx tsx e2e/serve-fixture.ts --port ${PORT}`,
    url: `${BASE_URL}/api/health`,
    // A production build takes about half a minute on two cores; the first index build follows.
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
