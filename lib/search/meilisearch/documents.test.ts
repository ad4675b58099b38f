import { describe, expect, it } from "vitest";
import { FIXTURE_DOCS } from "@/lib/search/fixtures/docs";
import { toHighlightPartsFromTagged, toMeiliDoc, toSearchDocFromMeili, toSearchHitFromMeili } from "@/lib/search/meilisearch/documents";
import type { SearchDoc } from "@/lib/search/types";

const byId = (id: string) => FIXTURE_DOCS.find((d) => d.id === id) as SearchDoc;

describe("toMeiliDoc", () => {
  it("adds the folded text, the title sort key and confidence filter fields", () => {
    const d = toMeiliDoc(byId("d07"));
    expect(d.search_folded).toContain("history of the isle of man");
    expect(d.title_sort).toBe("the history of the isle of man");
    expect(d.conf_genre).toBe(0.92);
    expect(d.conf_language).toBe(0.8);
  });

  it("marks catalogued values as never uncertain and leaves records without a value unmarked", () => {
    expect(toMeiliDoc(byId("d01")).conf_language).toBe(2);
    expect(toMeiliDoc(byId("d19"))).not.toHaveProperty("conf_genre");
    expect(toMeiliDoc(byId("d21"))).not.toHaveProperty("conf_language");
    expect(toMeiliDoc({ ...byId("d01"), genre_confidence: null }).conf_genre).toBe(-1);
  });

  it("joins compound words in the folded text", () => {
    expect(String(toMeiliDoc(byId("d05")).search_folded).split(" ")).toContain("today");
  });

  it("round-trips to the same SearchDoc", () => {
    for (const d of FIXTURE_DOCS) expect(toSearchDocFromMeili(toMeiliDoc(d))).toEqual(d);
  });
});

describe("highlights", () => {
  it("parses the private tags", () => {
    expect(toHighlightPartsFromTagged("The \uE000History\uE001 of \uE000Rome\uE001")).toEqual([
      { text: "The ", match: false },
      { text: "History", match: true },
      { text: " of ", match: false },
      { text: "Rome", match: true },
    ]);
    expect(toHighlightPartsFromTagged("<b>not ours</b>")).toEqual([{ text: "<b>not ours</b>", match: false }]);
  });

  it("reshapes a hit, keeping matched fields only", () => {
    const hit = toSearchHitFromMeili({
      ...toMeiliDoc(byId("d13")),
      _formatted: { title: "The Lady of the Lake", names: ["\uE000Scott\uE001, Walter"], places: ["Edinburgh"] },
    });
    expect(hit.doc).toEqual(byId("d13"));
    expect(hit.highlight).toEqual({
      title: [{ text: "The Lady of the Lake", match: false }],
      names: [
        { text: "Scott", match: true },
        { text: ", Walter", match: false },
      ],
    });
  });
});
