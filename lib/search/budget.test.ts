import { describe, expect, it } from "vitest";
import { toErrorResponse } from "@/lib/search/api";
import { SearchTimeoutError, withinSearchBudget } from "@/lib/search/budget";

describe("withinSearchBudget", () => {
  it("passes a result within budget through", async () => {
    await expect(withinSearchBudget(async () => 42, 1_000)).resolves.toBe(42);
  });

  it("passes the work's own error through", async () => {
    await expect(withinSearchBudget(async () => Promise.reject(new Error("engine said no")), 1_000)).rejects.toThrow("engine said no");
  });

  it("gives up after the budget, and the route answers 503 with a message", async () => {
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(1), 2_000));
    const error = await withinSearchBudget(slow, 30).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchTimeoutError);
    const res = toErrorResponse(error);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await res.json()).error).toMatch(/longer than its 30 ms budget/);
  });
});
