import { afterEach, describe, expect, it } from "vitest";
import { getGenerator, getGenerators } from "@/lib/facets/generators";
import { FACETS } from "@/lib/facets/table";
import { getFacetTable, setFacetTable, toFacetTableFingerprint } from "@/lib/facets/live-table";
import { openSqliteStore } from "@/lib/store";
import { PromotionStore } from "@/lib/store/promotions";
import type { SqliteStore } from "@/lib/store/sqlite";
import { buildModelCard, toModelCardMarkdown } from "./promotion";
import { syncPromotedFacets } from "./sync";

let store: SqliteStore | null = null;
afterEach(() => {
  store?.close();
  setFacetTable(FACETS);
});

function promote(promotions: PromotionStore, slug: string): void {
  const input = { slug, label: "Travel", pos: ["1"], neg: [], threshold: 0.5 };
  promotions.promote({
    ...input,
    vectorVersion: "v",
    promotedBy: "ann@bl.uk",
    promotedAt: "2026-11-25T20:00:00.000Z",
    buildCard: (version) => {
      const card = buildModelCard(input, { version, vectorVersion: "v", vectors: {}, promotedBy: "ann@bl.uk", promotedAt: "2026-11-25T20:00:00.000Z", titleOf: () => null });
      return { card, markdown: toModelCardMarkdown(card) };
    },
  });
}

describe("syncPromotedFacets", () => {
  it("puts active promoted facets in the live table and the generator registry, and takes retired ones out", () => {
    store = openSqliteStore(":memory:");
    const promotions = new PromotionStore(store.db);
    const before = toFacetTableFingerprint();
    promote(promotions, "travel");
    expect(syncPromotedFacets(store.db).map((p) => p.slug)).toEqual(["travel"]);
    expect(getFacetTable().map((f) => f.name)).toEqual([...FACETS.map((f) => f.name), "travel"]);
    expect(toFacetTableFingerprint()).not.toBe(before);
    expect(getGenerator("open_travel")?.name).toBe("open_travel");

    promotions.retire("travel", "bob@bl.uk", "2026-11-25T21:00:00.000Z");
    expect(syncPromotedFacets(store.db)).toEqual([]);
    expect(getFacetTable().map((f) => f.name)).toEqual(FACETS.map((f) => f.name));
    expect(toFacetTableFingerprint()).toBe(before);
    expect(getGenerators().map((g) => g.name)).not.toContain("open_travel");
  });
});
