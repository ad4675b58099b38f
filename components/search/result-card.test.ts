import { describe, expect, it } from "vitest";
import { toDisplayNames, toRehighlighted } from "./result-card";

describe("toDisplayNames", () => {
  it("drops a name that a fuller form of the same name repeats", () => {
    expect(toDisplayNames(["Ashworth, Margaret", "Ashworth, Margaret, 1821-1890 [person]", "Smith, John [person]"])).toEqual([
      "Ashworth, Margaret, 1821-1890 [person]",
      "Smith, John [person]",
    ]);
  });
});

describe("toRehighlighted", () => {
  it("marks the engine's matched words in the new text, case-insensitively", () => {
    const parts = [
      { text: "Ashworth", match: true },
      { text: ", Margaret; Ashworth", match: false },
    ];
    expect(toRehighlighted("Ashworth, Margaret (ASHWORTH)", parts)).toEqual([
      { text: "Ashworth", match: true },
      { text: ", Margaret (", match: false },
      { text: "ASHWORTH", match: true },
      { text: ")", match: false },
    ]);
  });
  it("treats regex characters in matched words literally and returns undefined without matches", () => {
    expect(toRehighlighted("a+b c", [{ text: "a+b", match: true }])?.[0]).toEqual({ text: "a+b", match: true });
    expect(toRehighlighted("text", [{ text: "text", match: false }])).toBeUndefined();
  });
});
