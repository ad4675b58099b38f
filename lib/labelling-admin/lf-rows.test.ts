import { describe, expect, it } from "vitest";
import { lfReportFileSchema } from "@/lib/about/artifacts";
import { toLfComparisonRows, toLfLift, toLfRows } from "./lf-rows";

const score = (scored: number, accuracy: number, macroF1: number) => ({ scored, accuracy, macroF1 });

const report = lfReportFileSchema.parse({
  generatedAt: "2026-01-01T00:00:00.000Z",
  overall: { collection: { coverage: 0.5 } },
  functions: [
    {
      name: "title_novel",
      description: "Title says 'a novel'",
      polarity: ["Fiction"],
      training: { coverage: 0.125, overlaps: 0.1, conflicts: 0.02, labelled: { correct: 9, incorrect: 1, accuracy: 0.9 } },
      collection: { coverage: 0.25, overlaps: 0.2, conflicts: 0.05 },
      learnedAccuracy: 0.8766,
      examples: [{ id: "b1", title: "Hand-written test title", vote: "Fiction" }],
    },
    {
      name: "old_shape",
      description: "From a report without overlaps or examples",
      polarity: [],
      training: { coverage: 0, conflicts: 0 },
      collection: { coverage: 0, conflicts: 0 },
      learnedAccuracy: 0.5,
    },
  ],
  labelModel: {
    comparison: { books: 100, covered: 40, ties: 3, tieBreak: "Non-fiction", labelModel: score(40, 0.85, 0.8), majorityVote: score(40, 0.8, 0.75) },
  },
  lift: {
    humanOnly: { validation: { macroF1: 0.7, accuracy: 0.8 } },
    withWeakLabels: { validation: { macroF1: 0.72, accuracy: 0.79 } },
    macroF1Gain: 0.02,
    accuracyGain: -0.01,
    chosen: "weak-labels",
    validationBooks: 50,
  },
});

describe("toLfRows", () => {
  it("formats shares as percentages and training accuracy with counts", () => {
    const [row] = toLfRows(report);
    expect(row).toMatchObject({
      name: "title_novel",
      labels: "Fiction",
      trainCoverage: "12.5%",
      trainOverlaps: "10.0%",
      trainConflicts: "2.0%",
      trainAccuracy: "0.900 (9 right, 1 wrong)",
      collectionCoverage: "25.0%",
      collectionOverlaps: "20.0%",
      collectionConflicts: "5.0%",
      learnedAccuracy: "0.877",
    });
    expect(row?.examples).toEqual([{ id: "b1", title: "Hand-written test title", vote: "Fiction" }]);
  });

  it("shows missing figures as dashes, not zeros", () => {
    const row = toLfRows(report)[1];
    expect(row).toMatchObject({ labels: "–", trainOverlaps: "–", collectionOverlaps: "–", trainAccuracy: "–", trainCoverage: "0.0%" });
    expect(row?.examples).toEqual([]);
  });
});

describe("toLfComparisonRows and toLfLift", () => {
  it("puts the label model and majority vote side by side", () => {
    expect(toLfComparisonRows(report)).toEqual([
      { method: "Label model (Dawid-Skene)", scored: "40", accuracy: "0.850", macroF1: "0.800" },
      { method: "Majority vote (ties to Non-fiction)", scored: "40", accuracy: "0.800", macroF1: "0.750" },
    ]);
  });

  it("signs the gains and is null/empty when the report lacks them", () => {
    expect(toLfLift(report)).toEqual({
      humanOnlyMacroF1: "0.700",
      withWeakMacroF1: "0.720",
      macroF1Gain: "+0.020",
      accuracyGain: "-0.010",
      chosen: "weak-labels",
      validationBooks: 50,
    });
    const bare = { ...report, lift: undefined, labelModel: undefined };
    expect(toLfLift(bare)).toBeNull();
    expect(toLfComparisonRows(bare)).toEqual([]);
  });
});
