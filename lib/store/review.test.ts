import { afterEach, describe, expect, it } from "vitest";
import { ReviewStateError } from "@/lib/review/state";
import { openSqliteStore } from "@/lib/store";
import { ReviewStore } from "./review";
import type { SqliteStore } from "./sqlite";

let store: SqliteStore | null = null;
afterEach(() => store?.close());

function open(): ReviewStore {
  store = openSqliteStore(":memory:");
  return new ReviewStore(store.db);
}

const flagInput = { recordId: "r1", generator: "genre", modelVersion: "genre-v1", predictedValue: "Non-fiction", suggestedValue: "Fiction", comment: "a novel", ipHash: "abc" };

describe("ReviewStore", () => {
  it("keeps an open flag with the model version it was about", () => {
    const review = open();
    const flag = review.addFlag(flagInput, 1_000);
    expect(flag).toMatchObject({ state: "open", modelVersion: "genre-v1", suggestedValue: "Fiction", createdAt: new Date(1_000).toISOString() });
    expect(review.listFlags("open").map((f) => f.id)).toEqual([flag.id]);
    expect(review.getLatestLabels("genre")).toEqual([]);
  });

  it("accepting writes one public-flag human label with provenance; a second decision fails and changes nothing", () => {
    const review = open();
    const flag = review.addFlag(flagInput, 1_000);
    const { flag: decided, label } = review.decideFlag(flag.id, "accept", "ann@bl.uk", 2_000);
    expect(decided).toMatchObject({ state: "accepted", decidedBy: "ann@bl.uk", humanLabelId: label!.id });
    expect(label).toMatchObject({ recordId: "r1", label: "Fiction", source: "public-flag", who: "ann@bl.uk", flagId: flag.id });
    expect(() => review.decideFlag(flag.id, "reject", "bob@bl.uk", 3_000)).toThrow(ReviewStateError);
    expect(review.getFlag(flag.id)!.state).toBe("accepted");
    expect(review.listLabelsForRecord("r1")).toHaveLength(1);
    expect(review.countFlags("open")).toBe(0);
  });

  it("rejecting writes no label", () => {
    const review = open();
    const flag = review.addFlag(flagInput);
    expect(review.decideFlag(flag.id, "reject", "bob@bl.uk").label).toBeNull();
    expect(review.listLabelsForRecord("r1")).toEqual([]);
  });

  it("the newest human label of a record wins", () => {
    const review = open();
    review.decideFlag(review.addFlag(flagInput, 1).id, "accept", "ann@bl.uk", 10);
    review.addStaffLabel({ recordId: "r1", generator: "genre", label: "Non-fiction", who: "bob@bl.uk" }, 20);
    review.addStaffLabel({ recordId: "r2", generator: "genre", label: "Fiction", who: "bob@bl.uk" }, 5);
    expect(review.getLatestLabels("genre").map((l) => [l.recordId, l.label, l.source])).toEqual([
      ["r1", "Non-fiction", "staff"],
      ["r2", "Fiction", "staff"],
    ]);
    expect(review.labelledRecordIds("genre")).toEqual(new Set(["r1", "r2"]));
  });
});
