import { describe, expect, it } from "vitest";
import { decideFlag, ReviewStateError } from "./state";

describe("decideFlag", () => {
  it("moves an open flag to accepted or rejected, keeping who and when", () => {
    expect(decideFlag({ id: 1, state: "open", decidedBy: null }, "accept", "ann@bl.uk", 5)).toEqual({ state: "accepted", decidedBy: "ann@bl.uk", decidedAtMs: 5 });
    expect(decideFlag({ id: 1, state: "open", decidedBy: null }, "reject", "bob@bl.uk", 7).state).toBe("rejected");
  });

  it("refuses a second decision, naming the first", () => {
    expect(() => decideFlag({ id: 3, state: "accepted", decidedBy: "ann@bl.uk" }, "reject", "bob@bl.uk", 9)).toThrow(/flag 3 was already accepted by ann@bl.uk/);
    expect(() => decideFlag({ id: 4, state: "rejected", decidedBy: "bob@bl.uk" }, "accept", "bob@bl.uk", 9)).toThrow(ReviewStateError);
  });

  it("refuses a decision without a reviewer", () => {
    expect(() => decideFlag({ id: 5, state: "open", decidedBy: null }, "accept", " ", 1)).toThrow(/reviewer/);
  });
});
