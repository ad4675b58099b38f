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

describe("editDistance", () => {
  it("agrees with a plain Levenshtein on small cases", () => {
    const plain = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          (d[i] as number[])[j] = Math.min((d[i - 1] as number[])[j]! + 1, (d[i] as number[])[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      return (d[a.length] as number[])[b.length]!;
    };
    const words = ["history", "hystory", "histry", "historia", "histoire", "his", "story", "geology", "geolgy", "a", "", "ab", "ba", "abc", "acb"];
    for (const a of words)
      for (const b of words)
        for (const limit of [1, 2]) expect(Math.min(editDistance(a, b, limit), limit + 1)).toBe(Math.min(plain(a, b), limit + 1));
  });
});
