import { describe, expect, it } from "vitest";
import { buildRecordHref, parseReturnTo } from "./return-to";

describe("parseReturnTo", () => {
  it("keeps the search parameters and their order", () => {
    expect(parseReturnTo("q=history&f.language=English&f.language=French&page=2")).toBe(
      "/?q=history&f.language=English&f.language=French&page=2",
    );
  });

  it("always returns a path on this site, whatever the input", () => {
    for (const evil of ["//evil.example", "https://evil.example/?q=x", "/\\evil.example", "javascript:alert(1)"]) {
      const href = parseReturnTo(evil);
      expect(href === null || href.startsWith("/?") || href === "/").toBe(true);
      expect(href).not.toMatch(/^\/\//);
    }
  });

  it("drops parameters the search page does not know", () => {
    expect(parseReturnTo("q=x&redirect=https://evil.example&f.bad key=1")).toBe("/?q=x");
  });

  it("answers null for a missing, repeated or oversized value", () => {
    expect(parseReturnTo(undefined)).toBeNull();
    expect(parseReturnTo(["q=a", "q=b"])).toBeNull();
    expect(parseReturnTo(`q=${"a".repeat(5000)}`)).toBeNull();
  });

  it("round-trips with buildRecordHref", () => {
    const search = new URLSearchParams([["q", "Erzählung & more"], ["f.place", "London"]]);
    const href = buildRecordHref("001/2", search);
    const url = new URL(href, "http://localhost");
    expect(url.pathname).toBe("/records/001%2F2");
    expect(parseReturnTo(url.searchParams.get("from") ?? undefined)).toBe(`/?${search.toString()}`);
  });
});
