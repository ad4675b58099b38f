import { describe, expect, it, vi } from "vitest";
import { toErrorResponse } from "@/lib/search/api";
import { SearchTimeoutError } from "@/lib/search/budget";
import { SearchUnavailableError } from "@/lib/search/errors";

describe("SearchUnavailableError across module copies", () => {
  it("is recognised when thrown by another copy of the module (as a separately bundled chunk has)", async () => {
    vi.resetModules();
    const copy = await import("@/lib/search/errors");
    expect(copy.SearchUnavailableError).not.toBe(SearchUnavailableError);
    const foreign = new copy.SearchUnavailableError("Meilisearch unreachable (search)");
    expect(foreign instanceof SearchUnavailableError).toBe(true);
    expect(toErrorResponse(foreign).status).toBe(503);
  });

  it("keeps ordinary checks for plain errors and subclasses", () => {
    expect(new Error("x") instanceof SearchUnavailableError).toBe(false);
    expect({ name: "SearchUnavailableError" } instanceof SearchUnavailableError).toBe(false);
    expect(new SearchTimeoutError(10) instanceof SearchUnavailableError).toBe(true);
    expect(new SearchUnavailableError("x") instanceof SearchTimeoutError).toBe(false);
    expect(new SearchTimeoutError(10) instanceof SearchTimeoutError).toBe(true);
  });
});
