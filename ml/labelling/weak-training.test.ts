import { describe, expect, it } from "vitest";
import { toTestRecord as rec } from "./testing";
import { buildWeakTrainingSet } from "./weak-training";

const labelled = [
  { id: "v1", isValid: true, record: rec("The Lady of the Lake: a poem", {}, "v1") },
  { id: "t1", isValid: false, record: rec("A History of Kent", {}, "t1") },
];

describe("weak training set", () => {
  it("keeps validation books and their titles out, whatever the punctuation or case", () => {
    const collection = [
      rec("The Lady of the Lake: a poem", {}, "v1"), // the validation book itself
      rec("THE LADY OF THE LAKE. A Poem.", {}, "c1"), // its title, formatted differently
      rec("The Lady of the Lake, a poém", {}, "c2"), // accents folded
      rec("A history of Kent", {}, "c3"), // a training title: the human label wins
      rec("Tales of a Grandfather", {}, "c4"),
      rec("Travels in Lapland", {}, "c5"),
    ];
    const p = [0.99, 0.99, 0.98, 0.02, 0.95, 0.05];
    const set = buildWeakTrainingSet(collection, p, labelled, { minConfidence: 0.8, weightScale: 1 });
    expect(set.ids).toEqual(["c4", "c5"]);
    expect(set.stats).toMatchObject({ labelledBook: 1, validationTitle: 2, trainingTitle: 1, kept: 2, fiction: 1, nonFiction: 1 });
    expect(set.examples.map((e) => [e.id, e.label, e.weight])).toEqual([
      ["c4", "Fiction", 0.95],
      ["c5", "Non-fiction", 0.95],
    ]);
  });

  it("counts every book it leaves out: silent, unsure and duplicate titles", () => {
    const collection = [
      rec("Poems", {}, "a"),
      rec("Poems.", {}, "b"),
      rec("Sermons", {}, "c"),
      rec("Miscellanies", {}, "d"),
      rec("Notes", {}, "e"),
    ];
    const set = buildWeakTrainingSet(collection, [0.9, 0.97, 0.4, Number.NaN, 0.1], [], { minConfidence: 0.8, weightScale: 0.5 });
    // "Poems." duplicates "Poems": the more confident one is kept.
    expect(set.ids).toEqual(["b", "e"]);
    expect(set.stats).toMatchObject({ collection: 5, abstained: 1, lowConfidence: 1, duplicateTitle: 1, kept: 2 });
    const s = set.stats;
    expect(s.labelledBook + s.validationTitle + s.trainingTitle + s.abstained + s.lowConfidence + s.duplicateTitle + s.sampledOut + s.kept).toBe(s.collection);
    expect(set.examples[0]!.weight).toBeCloseTo(0.485, 10);
  });

  it("samples down to maxExamples deterministically and counts the rest", () => {
    const collection = Array.from({ length: 50 }, (_, i) => rec(`Title number ${i}`, {}, `r${i}`));
    const p = collection.map((_, i) => (i % 2 ? 0.95 : 0.05));
    const a = buildWeakTrainingSet(collection, p, [], { minConfidence: 0.8, weightScale: 1, maxExamples: 10, seed: 3 });
    const b = buildWeakTrainingSet(collection, p, [], { minConfidence: 0.8, weightScale: 1, maxExamples: 10, seed: 3 });
    expect(a.ids).toHaveLength(10);
    expect(a.ids).toEqual(b.ids);
    expect(a.stats.sampledOut).toBe(40);
  });

  it("refuses mismatched inputs and options", () => {
    expect(() => buildWeakTrainingSet([rec("a")], [], [])).toThrow(/probabilities/);
    expect(() => buildWeakTrainingSet([rec("a")], [0.9], [], { minConfidence: 0.3, weightScale: 1 })).toThrow(/minConfidence/);
  });
});
