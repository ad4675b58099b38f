import { afterEach, describe, expect, it } from "vitest";
import { buildModelCard, toModelCardMarkdown } from "@/lib/promotion/promotion";
import { openSqliteStore } from "@/lib/store";
import { PromotionStateError, PromotionStore, type NewPromotion } from "./promotions";
import type { SqliteStore } from "./sqlite";

let store: SqliteStore | null = null;
afterEach(() => store?.close());

function open(): { promotions: PromotionStore; store: SqliteStore } {
  store = openSqliteStore(":memory:");
  return { promotions: new PromotionStore(store.db), store };
}

function request(slug: string, at: string): NewPromotion {
  const input = { slug, label: "Travel", pos: ["1", "2"], neg: ["3"], threshold: 0.5 };
  return {
    ...input,
    vectorVersion: "vec1",
    promotedBy: "ann@bl.uk",
    promotedAt: at,
    buildCard: (version) => {
      const card = buildModelCard(input, { version, vectorVersion: "vec1", vectors: {}, promotedBy: "ann@bl.uk", promotedAt: at, titleOf: () => null });
      return { card, markdown: toModelCardMarkdown(card) };
    },
  };
}

describe("PromotionStore", () => {
  it("promotes version 1 with its card, bumps the store revision, and lists it as active", () => {
    const { promotions, store } = open();
    const before = store.getRevision();
    const p = promotions.promote(request("travel", "2026-11-25T20:00:00.000Z"));
    expect(p).toMatchObject({ slug: "travel", version: 1, pos: ["1", "2"], neg: ["3"], retiredAt: null });
    expect(p.card.modelVersion).toBe("travel-v1+vec-vec1");
    expect(p.cardMarkdown).toContain("# Model card: Travel (travel, version 1)");
    expect(store.getRevision()).toBe(before + 1);
    expect(promotions.listActive().map((x) => x.slug)).toEqual(["travel"]);
  });

  it("refuses a second active version; after retiring, the slug comes back as version 2", () => {
    const { promotions, store } = open();
    promotions.promote(request("travel", "2026-11-25T20:00:00.000Z"));
    expect(() => promotions.promote(request("travel", "2026-11-25T20:01:00.000Z"))).toThrow(PromotionStateError);
    const revision = store.getRevision();
    const retired = promotions.retire("travel", "bob@bl.uk", "2026-11-25T21:00:00.000Z");
    expect(retired).toMatchObject({ version: 1, retiredBy: "bob@bl.uk", retiredAt: "2026-11-25T21:00:00.000Z" });
    expect(store.getRevision()).toBe(revision + 1);
    expect(promotions.listActive()).toEqual([]);
    expect(() => promotions.retire("travel", "bob@bl.uk", "2026-11-25T21:00:00.000Z")).toThrow(/not an active promoted facet/);
    const again = promotions.promote(request("travel", "2026-11-25T22:00:00.000Z"));
    expect(again.version).toBe(2);
    expect(promotions.listAll().map((x) => [x.slug, x.version, x.retiredAt !== null])).toEqual([["travel", 2, false], ["travel", 1, true]]);
  });
});
