import { describe, expect, it } from "vitest";
import { toGeneratorHistories, type HistoryRow } from "./prediction-history";

const row = (generator: string, version: string, createdAt: string, value: string, confidence: number): HistoryRow => ({
  recordId: "r1",
  generator,
  version,
  createdAt,
  value,
  confidence,
});

describe("toGeneratorHistories", () => {
  const rows = [
    row("language", "lang-1", "2026-11-01T00:00:00Z", "French", 0.8),
    row("genre", "genre-1", "2026-11-01T00:00:00Z", "Non-fiction", 0.6),
    row("genre", "genre-3", "2026-11-20T00:00:00Z", "Fiction", 0.9),
    row("genre", "genre-2", "2026-11-10T00:00:00Z", "Fiction", 0.7),
  ];

  it("groups by generator in the facet table's order, newest version first", () => {
    const out = toGeneratorHistories(rows, { genre: "genre-2", language: "lang-1" }, ["genre", "language"]);
    expect(out.map((g) => g.generator)).toEqual(["genre", "language"]);
    expect(out[0]?.versions.map((v) => v.version)).toEqual(["genre-3", "genre-2", "genre-1"]);
  });

  it("takes the live value from the current-version pointer, not the newest row", () => {
    const out = toGeneratorHistories(rows, { genre: "genre-2" }, ["genre"]);
    expect(out[0]?.current?.version).toBe("genre-2");
    expect(out[0]?.versions.filter((v) => v.live).map((v) => v.version)).toEqual(["genre-2"]);
    expect(out[1]?.current).toBeNull();
  });

  it("marks the versions whose value changed from the version before", () => {
    const out = toGeneratorHistories(rows, {}, ["genre"]);
    expect(out[0]?.versions.map((v) => v.changed)).toEqual([false, true, false]);
  });
});
