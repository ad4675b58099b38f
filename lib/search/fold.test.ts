import { describe, expect, it } from "vitest";
import { fold, tokenizeForIndex, tokenizeQuery } from "@/lib/search/fold";
import { buildTermMatcher, editDistance, toHighlightParts } from "@/lib/search/embedded/highlight";

describe("fold", () => {
  it("folds accents, case, the long s and ligatures", () => {
    expect(fold("Erzählung")).toBe("erzahlung");
    expect(fold("Hiſtory")).toBe("history");
    expect(fold("Œuvres ﬁnales Straße")).toBe("oeuvres finales strasse");
  });
});

describe("tokenize", () => {
  it("indexes compound words by their parts and joined", () => {
    expect(tokenizeForIndex("To-day's News")).toEqual(["to", "day", "s", "todays", "news"]);
    expect(tokenizeForIndex("Smith, Elder & Co.")).toEqual(["smith", "elder", "co"]);
  });

  it("queries compound words joined", () => {
    expect(tokenizeQuery("to-day in Paris")).toEqual(["today", "in", "paris"]);
  });
});

describe("highlight", () => {
  it("bounds the edit distance", () => {
    expect(editDistance("hystory", "history", 1)).toBe(1);
    expect(editDistance("histoire", "history", 1)).toBe(2);
  });

  it("marks typo, prefix and compound matches", () => {
    const m = buildTermMatcher(tokenizeQuery("hystory to-day cur"));
    expect(toHighlightParts("A History of To-day, curious", m)).toEqual([
      { text: "A ", match: false },
      { text: "History", match: true },
      { text: " of ", match: false },
      { text: "To-day", match: true },
      { text: ", ", match: false },
      { text: "curious", match: true },
    ]);
  });
});
