import { describe, expect, it } from "vitest";
import { foldText } from "./char-fold";
import { Featuriser, buildFeatureConfig, toShelfmarkTokens, type GenreInput } from "./featurise";

const full = new Featuriser(buildFeatureConfig(false));
const titleOnly = new Featuriser(buildFeatureConfig(true));

function bucketSet(f: Featuriser, input: GenreInput): string[] {
  return f.toBuckets(input).map((b) => [...b].sort((x, y) => x - y).join(","));
}

describe("foldText", () => {
  it("lower-cases, removes diacritics and splits on punctuation", () => {
    expect(foldText("Beskrifning öfver Uppland; Café-Noël!")).toBe("beskrifning ofver uppland cafe noel");
  });
  it("keeps Cyrillic and Greek letters (folding case and accents, not the script)", () => {
    expect(foldText("История города Твери")).toBe("история города твери");
    expect(foldText("Ἡ ΙΛΙΑΣ Ὁμήρου")).toBe("η ιλιασ ομηρου");
    expect(foldText("Ἰλιάς")).toBe(foldText("ΙΛΙΑΣ"));
  });
  it("treats decomposed accents like composed ones", () => {
    expect(foldText("Cafe\u0301")).toBe(foldText("Café"));
  });
});

describe("Featuriser", () => {
  it("emits word, bigram and character n-gram features for a title (count is exact)", () => {
    // "ab cd": words ab, cd (2) + bigram (1) + char 3-5-grams of "<ab>" (2+1) and "<cd>" (2+1) = 9
    const [title] = titleOnly.toBuckets({ title: "ab cd" });
    expect(title!.length).toBe(9);
  });
  it("hashes Cyrillic and Greek titles into features, different from each other", () => {
    const ru = titleOnly.toBuckets({ title: "История города" })[0]!;
    const el = titleOnly.toBuckets({ title: "Ιστορία της πόλης" })[0]!;
    expect(ru.length).toBeGreaterThan(10);
    expect(el.length).toBeGreaterThan(10);
    expect(new Set(ru).size).toBeGreaterThan(0);
    expect([...ru].filter((b) => el.includes(b)).length).toBeLessThan(3);
  });
  it("title-only mode uses only the title and its shape", () => {
    const config = buildFeatureConfig(true);
    expect(config.fields).toEqual(["title", "shape"]);
    const withMeta = titleOnly.toBuckets({ title: "Poems", publisher: "Macmillan", shelfmark: "Digital Store 11645.b.2" });
    expect(withMeta).toEqual(titleOnly.toBuckets({ title: "Poems" }));
  });
  it("missing fields add nothing (graceful degradation) and present fields add their own namespace", () => {
    const bare = full.toBuckets({ title: "Poems" });
    const fields = buildFeatureConfig(false).fields;
    bare.forEach((b, i) => {
      if (fields[i] !== "title" && fields[i] !== "shape") expect(b.length, fields[i]).toBe(0);
    });
    const withPublisher = full.toBuckets({ title: "Poems", publisher: "Macmillan" });
    expect(withPublisher[fields.indexOf("publisher")]!.length).toBeGreaterThan(0);
    // The same word in another field is another feature.
    expect(full.toBuckets({ title: "x", publisher: "London" })[fields.indexOf("publisher")]).not.toEqual(full.toBuckets({ title: "x", places: ["London"] })[fields.indexOf("place")]);
  });
  it("ignores the shelfmark's source prefix: Digital Store and HMNTS give identical features", () => {
    const a = bucketSet(full, { title: "T", shelfmark: "Digital Store 12641.b.30" });
    const b = bucketSet(full, { title: "T", shelfmark: "British Library HMNTS 12641.b.30." });
    expect(a).toEqual(b);
  });
  it("never reads annotator columns: features come only from typed record fields", () => {
    const record = { title: "The Lost Heiress", publisher: "Bentley", fields: { annotator_genre: "Fiction", annotator_FAST_genre_terms: "Fiction" } };
    const other = { ...record, fields: { annotator_genre: "Non-fiction" } };
    expect(bucketSet(full, record)).toEqual(bucketSet(full, other));
  });
});

describe("toShelfmarkTokens", () => {
  it("gives the class number at every prefix with its digit count, the leading zero and size letters", () => {
    expect(toShelfmarkTokens("Digital Store 011649.e.105")).toEqual(["n5:1", "n5:11", "n5:116", "n5:1164", "n5:11649", "z:0", "s:e"]);
    expect(toShelfmarkTokens("British Library HMNTS 1048.k.17. (1.)")).toEqual(["n4:1", "n4:10", "n4:104", "n4:1048", "z:", "s:k"]);
  });
  it("handles several shelfmarks and non-numeric ones", () => {
    expect(toShelfmarkTokens("Digital Store 992.i.26 ; Digital Store C.58.a.1")).toEqual(["n3:9", "n3:99", "n3:992", "z:", "s:i", "a:C"]);
  });
});
