import { describe, expect, it } from "vitest";
import { toTestRecord as rec } from "../testing";
import { defineLf } from "../types";
import { catalogueGenre, physicalDescriptionMaps } from "./catalogue";
import { buildClassifierLf } from "./classifier";
import { buildLongTitlePlaces, longTitleDates, longTitleOrganisations, titleNamesLaw } from "./entity-rules";
import { buildPlaceGazetteer, findDates, findLaws, findOrganisations, findPlaces } from "./entities";
import { buildLabellingFunctions } from "./index";
import {
  accountsAndLetters,
  fictionFormsEnglish,
  fictionFormsOtherLanguages,
  historyEnglish,
  historyOtherLanguages,
  placeDescription,
  referenceWorks,
  travel,
} from "./multilingual-keywords";
import { buildShelfmarkLfs, toShelfmarkClassKey } from "./shelfmark";
import { longTitle } from "./title-length";
import { titleNovel, titlePoem, titleTale } from "./title-keywords";

describe("the study's keyword functions", () => {
  it("fire on whole words and their plurals", () => {
    expect(titleNovel(rec("Mansfield Park: a novel"))).toBe("Fiction");
    expect(titleNovel(rec("Three Novels by the author of Waverley"))).toBe("Fiction");
    expect(titleTale(rec("Tales of the Borders"))).toBe("Fiction");
    expect(titlePoem(rec("The Baron's Daughter. A poem"))).toBe("Fiction");
  });
  it("abstain on substrings and unrelated titles", () => {
    expect(titleTale(rec("Il Natale in Sicilia"))).toBeNull();
    expect(titleTale(rec("Cuentas totales del año"))).toBeNull();
    expect(titleNovel(rec("Novelty and invention in trade"))).toBeNull();
    expect(titlePoem(rec("A history of Northumberland"))).toBeNull();
  });
});

describe("long titles", () => {
  it("fire above 200 characters only", () => {
    expect(longTitle(rec("x".repeat(200)))).toBeNull();
    expect(longTitle(rec("x".repeat(201)))).toBe("Non-fiction");
  });
});

describe("entity finders count only their own type", () => {
  it("finds dates, periods and centuries, not quantities", () => {
    expect(findDates("Recollections of a tour in the North of Europe in 1836-1837").map((d) => d.text)).toEqual(["1836-1837"]);
    expect(findDates("Letters written on the 12th March, 1850, and in 1851").length).toBe(2);
    expect(findDates("Manners of the eighteenth century").length).toBe(1);
    expect(findDates("A walk of 1500 miles through Lapland").length).toBe(0);
  });
  it("finds organisations by their cue words, not places, dates or people", () => {
    expect(findOrganisations("Report of the Committee of the Royal Geographical Society").length).toBe(2);
    expect(findOrganisations("Travels through London, Paris and Edinburgh in 1820 and 1821").length).toBe(0);
    expect(findOrganisations("A society novel of the season").length).toBe(0);
  });
  it("finds laws but not a play's acts", () => {
    expect(findLaws("The Public Health Act, 1875, with notes").length).toBeGreaterThan(0);
    expect(findLaws("An Act for the better regulation of chimney sweepers").length).toBeGreaterThan(0);
    expect(findLaws("The Statutes of the Realm").length).toBe(1);
    expect(findLaws("Hamlet. A tragedy in five Acts")).toEqual([]);
    expect(findLaws("Fanchette. A drama in Three Acts")).toEqual([]);
  });
  it("builds the gazetteer from publication places, case-sensitively and without ambiguous names", () => {
    const g = buildPlaceGazetteer(["London", "London", "Edinburgh", "Edinburgh", "Reading", "Reading", "Paris", "Leeds"]);
    expect([...g.names].sort()).toEqual(["Edinburgh", "London"]);
    expect(findPlaces("From London to Edinburgh and back to London", g).map((p) => p.text)).toEqual(["London", "Edinburgh"]);
    expect(findPlaces("Reading lessons for london schools", g)).toEqual([]);
  });
  it("keeps the entity functions apart: places do not make organisations", () => {
    const g = buildPlaceGazetteer(["London", "London", "Edinburgh", "Edinburgh", "Dublin", "Dublin"]);
    const title = "A journey from London by way of Edinburgh to Dublin, with observations on the country and its people";
    expect(buildLongTitlePlaces(g)(rec(title))).toBe("Non-fiction");
    expect(longTitleOrganisations(rec(title))).toBeNull();
    expect(longTitleDates(rec(title))).toBeNull();
    const orgs = "Proceedings of the Royal Society of Edinburgh and the Transactions of the Highland and Agricultural Society";
    expect(longTitleOrganisations(rec(orgs))).toBe("Non-fiction");
    expect(buildLongTitlePlaces(g)(rec(orgs))).toBeNull();
    const dates = "Annals of the parish from the great storm of 1703 to the opening of the railway in March 1847, with a list of incumbents";
    expect(longTitleDates(rec(dates))).toBe("Non-fiction");
    expect(longTitleDates(rec("Of 1703 and 1847"))).toBeNull();
    expect(titleNamesLaw(rec("The Poor Law Amendment Act, with an introduction"))).toBe("Non-fiction");
  });
});

describe("multilingual keyword functions", () => {
  it("fire on forms of creative writing in several languages", () => {
    for (const t of ["Neue Gedichte", "Digte og Sange", "Dikter i urval", "Poésies complètes", "La Comédie humaine", "Le Drame de la rue", "Novelle", "Un romanzo storico", "Una novela de costumbres", "Marie Grubbe. Roman", "Un roman d'amour", "Drei Erzählungen"]) {
      expect(fictionFormsOtherLanguages(rec(t)), t).toBe("Fiction");
    }
    expect(fictionFormsEnglish(rec("The Lady of the Lake: a romance in verse"))).toBe("Fiction");
  });
  it('does not take English "Roman" for a novel', () => {
    expect(fictionFormsOtherLanguages(rec("Roman Society in the last century of the Western Empire"))).toBeNull();
    expect(fictionFormsOtherLanguages(rec("The Roman Wall"))).toBeNull();
  });
  it("fires the non-fiction cues, and keeps 'Geschichten' (stories) apart from 'Geschichte' (history)", () => {
    expect(historyEnglish(rec("The History of Black Hawk County"))).toBe("Non-fiction");
    expect(historyOtherLanguages(rec("Geschiedenis van het slot te Muiden"))).toBe("Non-fiction");
    expect(historyOtherLanguages(rec("Geschichte des deutschen Volkes"))).toBe("Non-fiction");
    expect(historyOtherLanguages(rec("Geschichten aus dem Wienerwald"))).toBeNull();
    expect(travel(rec("Reise nach dem Nordpol"))).toBe("Non-fiction");
    expect(placeDescription(rec("Beschrijving van den Helder"))).toBe("Non-fiction");
    expect(referenceWorks(rec("A Grammar of the Icelandic Tongue"))).toBe("Non-fiction");
    expect(accountsAndLetters(rec("Letters from Sicily"))).toBe("Non-fiction");
    expect(travel(rec("Pride and Prejudice"))).toBeNull();
  });
});

describe("shelfmark classes", () => {
  it("keys shelfmarks by the first three digits and the number's length, ignoring source prefix and leading zero", () => {
    expect(toShelfmarkClassKey("Digital Store 011649.e.105")).toBe("116xx");
    expect(toShelfmarkClassKey("British Library HMNTS 12641.b.30.")).toBe("126xx");
    expect(toShelfmarkClassKey("12641.b.30.")).toBe("126xx");
    expect(toShelfmarkClassKey("992.i.26")).toBe("992");
    expect(toShelfmarkClassKey("9430.aa.1")).toBe("943x");
    expect(toShelfmarkClassKey("C.131.d.4")).toBeNull();
    expect(toShelfmarkClassKey(null)).toBeNull();
  });
  const book = (shelfmark: string, label: "Fiction" | "Non-fiction", isValid = false) => ({
    record: rec("t", { shelfmarkClass: shelfmark }),
    label,
    isValid,
  });
  it("keeps only classes with enough training support and accuracy", () => {
    const books = [
      ...Array.from({ length: 9 }, () => book("12641.b.1", "Fiction")),
      book("12650.c.2", "Non-fiction"),
      ...Array.from({ length: 5 }, () => book("10350.a.1", "Non-fiction")),
      ...Array.from({ length: 6 }, () => book("9430.a.1", "Non-fiction")),
      ...Array.from({ length: 4 }, () => book("9430.a.1", "Fiction")),
    ];
    const lfs = buildShelfmarkLfs(books, { minSupport: 6, minAccuracy: 0.85 });
    // 126xx: 9/10 Fiction -> kept; 103xx: support 5 -> dropped; 943x: 0.6 -> dropped.
    expect(lfs.fiction(rec("x", { shelfmarkClass: "012618.e.4" }))).toBe("Fiction");
    expect(lfs.nonFiction(rec("x", { shelfmarkClass: "012618.e.4" }))).toBeNull();
    expect(lfs.nonFiction(rec("x", { shelfmarkClass: "10351.b.2" }))).toBeNull();
    expect(lfs.nonFiction(rec("x", { shelfmarkClass: "9431.b.2" }))).toBeNull();
    expect(lfs.classes.map((c) => c.key)).toEqual(["126xx"]);
  });
  it("refuses validation books", () => {
    expect(() => buildShelfmarkLfs([book("12641.b.1", "Fiction", true)])).toThrow(/training books only/);
  });
});

describe("catalogue fields", () => {
  it("maps genre terms and abstains on mixed or missing ones", () => {
    expect(catalogueGenre(rec("t", { catalogueGenre: "Poetry or verse" }))).toBe("Fiction");
    expect(catalogueGenre(rec("t", { catalogueGenre: "Drama ; Drawing" }))).toBe("Fiction");
    expect(catalogueGenre(rec("t", { catalogueGenre: "Travel" }))).toBe("Non-fiction");
    expect(catalogueGenre(rec("t", { catalogueGenre: "Poetry ; Travel" }))).toBeNull();
    expect(catalogueGenre(rec("t"))).toBeNull();
  });
  it("reads maps and plans in the physical description", () => {
    expect(physicalDescriptionMaps(rec("t", { physicalDescription: "xii, 340 pages, 2 maps (8°)" }))).toBe("Non-fiction");
    expect(physicalDescriptionMaps(rec("t", { physicalDescription: "vi, 104 pages (8°)" }))).toBeNull();
  });
});

describe("classifier-backed function", () => {
  const lf = buildClassifierLf(new Map([["a", 0.99], ["b", 0.01], ["c", 0.6]]), 0.97);
  it("fires only at the confidence asked, and abstains on books the map lacks", () => {
    expect(lf(rec("t", {}, "a"))).toBe("Fiction");
    expect(lf(rec("t", {}, "b"))).toBe("Non-fiction");
    expect(lf(rec("t", {}, "c"))).toBeNull();
    expect(lf(rec("t", {}, "zzz"))).toBeNull();
  });
  it("refuses a confidence outside (0.5, 1)", () => {
    expect(() => buildClassifierLf(new Map(), 0.4)).toThrow(/confidence/);
  });
});

describe("the function set", () => {
  it("has unique snake_case names and a description for each", () => {
    const set = buildLabellingFunctions({ trainingBooks: [], collection: [rec("t", { places: ["London"] })], classifierPredictions: new Map() });
    const names = set.functions.map((f) => f.lfName);
    expect(new Set(names).size).toBe(names.length);
    for (const f of set.functions) expect(f.description.length).toBeGreaterThan(10);
    expect(names).toContain("classifier_confident");
    expect(() => defineLf("Bad Name", "d", () => null)).toThrow(/snake_case/);
  });
});
