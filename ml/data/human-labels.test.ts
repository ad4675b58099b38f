import { describe, expect, it } from "vitest";
import type { BookRecord } from "@/lib/records/types";
import { applyHumanLabels } from "./human-labels";
import type { LabelledBook } from "./labelled-books";

const record = (id: string, title: string) => ({ id, title, fields: {}, languages: [], catalogueGenre: null }) as unknown as BookRecord;
const book = (id: string, label: "Fiction" | "Non-fiction"): LabelledBook => ({
  id,
  record: record(id, `Title ${id}`),
  label,
  y: label === "Fiction" ? 1 : 0,
  isValid: false,
  annotations: 1,
  language: "English",
  titleKey: `title ${id}`,
  joinMismatch: null,
});

describe("applyHumanLabels", () => {
  it("lets a human label win, adds new books as extra examples and counts what is new", () => {
    const { books, extra, use } = applyHumanLabels(
      [book("a", "Non-fiction"), book("b", "Fiction")],
      [
        { recordId: "a", label: "Fiction", createdAt: "2026-01-02T00:00:00.000Z", record: null },
        { recordId: "b", label: "Fiction", createdAt: "2025-12-01T00:00:00.000Z", record: null },
        { recordId: "c", label: "Non-fiction", createdAt: "2026-01-03T00:00:00.000Z", record: record("c", "A tour") },
        { recordId: "d", label: "Poetry", createdAt: "2026-01-03T00:00:00.000Z", record: record("d", "x") },
        { recordId: "e", label: "Fiction", createdAt: "2026-01-03T00:00:00.000Z", record: null },
      ],
      "2026-01-01T00:00:00.000Z",
    );
    expect(books.map((b) => [b.id, b.label, b.y])).toEqual([
      ["a", "Fiction", 1],
      ["b", "Fiction", 1],
    ]);
    expect(extra).toEqual([{ id: "c", record: record("c", "A tour"), label: "Non-fiction", weight: 1 }]);
    expect(use).toMatchObject({ used: 3, overriding: 2, changed: 1, added: 1, newSincePrevious: 2 });
    expect(use.skipped.map((s) => s.recordId)).toEqual(["d", "e"]);
  });
});
