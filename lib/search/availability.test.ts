import { describe, expect, it, vi } from "vitest";
import { getSearchOutage, PROBE_INTERVAL_MS, reportSearchAvailable, reportSearchUnavailable, takeSearchOutage } from "./availability";

describe("search availability breaker", () => {
  it("opens on a failure, lets one probe through per interval, and closes on success", () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(takeSearchOutage(0)).toBeNull();
    reportSearchUnavailable("Meilisearch unreachable (search)", 1_000);
    expect(getSearchOutage()).toEqual({ since: 1_000, reason: "Meilisearch unreachable (search)" });
    expect(takeSearchOutage(1_500)).toMatchObject({ reason: "Meilisearch unreachable (search)", retryAfterS: 5 });
    expect(takeSearchOutage(1_000 + PROBE_INTERVAL_MS)).toBeNull(); // the probe
    expect(takeSearchOutage(1_000 + PROBE_INTERVAL_MS + 1)).not.toBeNull();
    // A second failure report during the outage keeps the first start time.
    reportSearchUnavailable("again", 9_000);
    expect(getSearchOutage()?.since).toBe(1_000);
    reportSearchAvailable();
    expect(getSearchOutage()).toBeNull();
    expect(takeSearchOutage(20_000)).toBeNull();
    vi.restoreAllMocks();
  });
});
