import { describe, expect, it } from "vitest";
import {
  cleanLanguage,
  cleanPlace,
  isUnparsedDate,
  parseLanguages,
  parsePlaces,
  parseRoman,
  parseYear,
  splitList,
  toDecade,
  toDecadeLabel,
  toOptional,
  toRoman,
  toShelfmarkClass,
} from "@/lib/records/normalise";

describe("parseYear", () => {
  it.each([
    ["1871", 1871],
    ["1871-", 1871],
    ["[1897?]", 1897],
    ["[1880.]", 1880],
    ["1862]", 1862],
    ["1892, 93", 1892],
    ["1868-70", 1868],
    ["1879 [1878]", 1879],
    ["1886, [1885]", 1886],
    ["c. 1850", 1850],
    ["c1850", 1850],
    ["ca. 1850?", 1850],
    ["1850s", 1850],
    ["MDCCLXXIV", 1774],
    ["M.DCCC.LXX.", 1870],
    ["mdccclxxxv", 1885],
    ["Anno MDCCCXL", 1840],
    ["  1901  ", 1901],
    ["2025", 2025],
    ["1400", 1400],
  ])("%s -> %s", (raw, year) => {
    expect(parseYear(raw)).toBe(year);
  });

  it.each([
    ["", null],
    ["   ", null],
    ["18--", null],
    ["184-?", null],
    ["[18--?]", null],
    ["n.d.", null],
    ["s.a.", null],
    ["1399", null],
    ["2026", null],
    ["12345", null],
    ["112. G. & W. B. Whittaker", null],
    ["17 vols. University Press", null],
    ["MIM", null],
    ["MCMC", null],
    ["Mix", null],
  ])("%s -> null", (raw, year) => {
    expect(parseYear(raw)).toBe(year);
  });

  it("handles null and undefined", () => {
    expect(parseYear(null)).toBeNull();
    expect(parseYear(undefined)).toBeNull();
  });

  it("counts only present dates without a year as unparsed", () => {
    expect(isUnparsedDate("18--", null)).toBe(true);
    expect(isUnparsedDate("1871", 1871)).toBe(false);
    expect(isUnparsedDate("", null)).toBe(false);
    expect(isUnparsedDate(null, null)).toBe(false);
  });
});

describe("roman numerals", () => {
  it("round-trips and refuses non-canonical letters", () => {
    expect(parseRoman("MDCCCXCIX")).toBe(1899);
    expect(toRoman(1899)).toBe("MDCCCXCIX");
    expect(parseRoman("IIII")).toBeNull();
    expect(parseRoman("ABC")).toBeNull();
  });
});

describe("decades", () => {
  it("floors to the decade and labels it", () => {
    expect(toDecade(1879)).toBe(1870);
    expect(toDecade(1880)).toBe(1880);
    expect(toDecadeLabel(1871)).toBe("1870s");
    expect(toDecadeLabel(null)).toBeNull();
  });
});

describe("places", () => {
  it.each([
    ["London", "London"],
    ["New York]", "New York"],
    ["[London]", "London"],
    ["London :", "London"],
    ["London,]", "London"],
    ["London?]", "London"],
    ["London?", "London"],
    ["] London", "London"],
    ["Boston [Mass.]", "Boston, Mass"],
    ["Boston, [Mass.]", "Boston, Mass"],
    ["Boston [Mass", "Boston, Mass"],
    ["Boston, Mass", "Boston, Mass"],
    ["Albany, N.Y", "Albany, N.Y"],
    ["St. Louis", "St. Louis"],
    ["Guildford [printed]", "Guildford"],
    ["London, Guildford [printed]", "London, Guildford"],
    ["Cambridge [Mass., printed]", "Cambridge, Mass"],
    ["Freiburg i. B", "Freiburg i. B"],
    ["С.-Петербургъ", "С.-Петербургъ"],
    ["  Paris   ", "Paris"],
  ])("%s -> %s", (raw, clean) => {
    expect(cleanPlace(raw)).toBe(clean);
  });

  it.each(["", "  ", "[]", "[S.l.]", "s.l.", "?"])("%j is no place", (raw) => {
    expect(cleanPlace(raw)).toBeNull();
  });

  it("splits on ; and drops empties and repeats", () => {
    expect(parsePlaces("London ; New York]")).toEqual(["London", "New York"]);
    expect(parsePlaces("[London]; London;  ;Edinburgh")).toEqual(["London", "Edinburgh"]);
    expect(parsePlaces("")).toEqual([]);
    expect(parsePlaces(null)).toEqual([]);
  });
});

describe("languages", () => {
  it("splits and cleans", () => {
    expect(parseLanguages("Dutch ; French ; Hungarian")).toEqual(["Dutch", "French", "Hungarian"]);
    expect(parseLanguages("English")).toEqual(["English"]);
    expect(parseLanguages("[German?]")).toEqual(["German"]);
    expect(cleanLanguage("Latin.")).toBe("Latin");
    expect(parseLanguages(null)).toEqual([]);
  });
});

describe("lists and optionals", () => {
  it("splitList trims and drops empty parts", () => {
    expect(splitList("Hazlitt, William [person] ; Smith, John [person]")).toEqual(["Hazlitt, William [person]", "Smith, John [person]"]);
    expect(splitList(" single ")).toEqual(["single"]);
    expect(splitList(";;")).toEqual([]);
  });
  it("toOptional turns blanks into null", () => {
    expect(toOptional("  x ")).toBe("x");
    expect(toOptional("   ")).toBeNull();
    expect(toOptional(undefined)).toBeNull();
  });
});

describe("toShelfmarkClass", () => {
  it.each([
    ["Digital Store 11651.h.6", "11651.h.6"],
    ["British Library HMNTS 12641.b.30.", "12641.b.30"],
    ["british library hmnts 012641.b.30", "012641.b.30"],
    ["11651.h.6", "11651.h.6"],
    ["Digital Store  992.i.26", "992.i.26"],
    ["British Library HMNTS|British Library HMNTS 10353.d.15.", "10353.d.15"],
    ["British Library DSC W67/1390|British Library HMNTS 10470.ff.7.|British Library HMNTS 10470.ff.8.", "10470.ff.7"],
    ["British Library MUSIC Hirsch IV.1393.", "Hirsch IV.1393"],
    ["British Library HMNTS 643.g.5.(11.)", "643.g.5.(11.)"],
  ])("%s -> %s", (raw, cls) => {
    expect(toShelfmarkClass(raw)).toBe(cls);
  });
  it("gives null for nothing", () => {
    expect(toShelfmarkClass("")).toBeNull();
    expect(toShelfmarkClass("Digital Store ")).toBeNull();
    expect(toShelfmarkClass(null)).toBeNull();
  });
});
