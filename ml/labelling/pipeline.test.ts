import { describe, expect, it } from "vitest";
import type { LabelledBook } from "@/ml/data/labelled-books";
import { foldText } from "@/ml/features/char-fold";
import { runLabelling } from "./pipeline";
import { toTestRecord as rec } from "./testing";

function book(id: string, title: string, label: "Fiction" | "Non-fiction", isValid: boolean, shelfmarkClass: string | null = null): LabelledBook {
  const record = rec(title, { shelfmarkClass }, id);
  return { id, record, label, y: label === "Fiction" ? 1 : 0, isValid, annotations: 1, language: "English", titleKey: foldText(title), joinMismatch: null };
}

describe("runLabelling", () => {
  const labelled = [
    ...Array.from({ length: 20 }, (_, i) => book(`f${i}`, `Love and duty, number ${i}`, "Fiction", false, "12641.b.1")),
    ...Array.from({ length: 20 }, (_, i) => book(`n${i}`, `Parish accounts, part ${i}`, "Non-fiction", false, "10350.a.1")),
    // A validation book on a shelf no training book is on: it must not create a shelfmark class.
    ...Array.from({ length: 20 }, (_, i) => book(`v${i}`, `Validation title ${i}: a novel`, "Fiction", true, "11111.a.1")),
  ];
  const collection = [
    ...labelled.map((b) => b.record),
    rec("Validation title 3: a novel", {}, "copy-of-v3"),
    rec("The Vicar's Daughter: a novel", {}, "c1"),
    rec("A history of the county of Kent", {}, "c2"),
    rec("Miscellanies", {}, "c3"),
  ];
  const run = runLabelling(collection, labelled);

  it("derives shelfmark classes from training books only", () => {
    expect(run.lfSet.shelfmarkClasses.map((c) => c.key).sort()).toEqual(["103xx", "126xx"]);
  });

  it("fits the label model without validation books or their titles", () => {
    // 20 validation books and one collection book with a validation title are left out; "Miscellanies" is silent.
    expect(run.collection.heldOutValidation).toBe(21);
    expect(run.collection.fitRows).toBe(collection.length - 21);
    expect(run.collection.fitCoveredRows).toBe(collection.length - 21 - 1);
  });

  it("labels what the functions cover and abstains elsewhere", () => {
    const p = (id: string) => run.collection.pFiction[collection.findIndex((r) => r.id === id)]!;
    expect(p("c1")).toBeGreaterThan(0.5);
    expect(p("c2")).toBeLessThan(0.5);
    expect(Number.isNaN(p("c3"))).toBe(true);
    expect(run.training.matrix.n).toBe(40);
  });
});
