import { describe, expect, it } from "vitest";
import { analyseVotes, collectExamples } from "./analysis";
import { compareWithMajorityVote, scoreLabels } from "./pipeline";
import { ABSTAIN as A, buildVoteMatrixFromRows, FICTION as F, majorityVote, NON_FICTION as N } from "./votes";

const matrix = buildVoteMatrixFromRows(
  [
    [F, F, A],
    [F, N, A],
    [A, A, N],
    [A, A, A],
  ],
  ["lf0", "lf1", "lf2"],
);
const labels = Int8Array.from([F, N, N, F]);

describe("LF analysis (hand-computed)", () => {
  it("computes coverage, overlaps, conflicts and accuracy per function", () => {
    const a = analyseVotes(matrix, labels);
    expect(a).toMatchObject({ rows: 4, coverage: 0.75, overlaps: 0.5, conflicts: 0.25 });
    expect(a.functions[0]).toMatchObject({ coverage: 0.5, overlaps: 0.5, conflicts: 0.25, polarity: ["Fiction"], labelled: { correct: 1, incorrect: 1, accuracy: 0.5 } });
    expect(a.functions[1]).toMatchObject({ coverage: 0.5, overlaps: 0.5, conflicts: 0.25, polarity: ["Non-fiction", "Fiction"], labelled: { correct: 2, incorrect: 0, accuracy: 1 } });
    expect(a.functions[2]).toMatchObject({ coverage: 0.25, overlaps: 0, conflicts: 0, votes: { fiction: 0, nonFiction: 1 } });
    expect(analyseVotes(matrix).functions[0]!.labelled).toBeUndefined();
  });

  it("takes majority votes with ties abstaining unless a tie-break is given", () => {
    expect([...majorityVote(matrix)]).toEqual([F, A, N, A]);
    expect([...majorityVote(matrix, N)]).toEqual([F, N, N, A]);
  });

  it("picks examples spread over the rows a function fires on", () => {
    const rows = ["a", "b", "c", "d"].map((id) => ({ id, title: `title ${id}` }));
    const ex = collectExamples(matrix, rows, 10);
    expect(ex.lf0!.map((e) => e.id)).toEqual(["a", "b"]);
    expect(ex.lf1!.map((e) => e.vote)).toEqual(["Fiction", "Non-fiction"]);
    expect(collectExamples(matrix, rows, 1).lf0!.map((e) => e.id)).toEqual(["a"]);
  });
});

describe("label model against majority vote", () => {
  it("scores both on the covered books, ties to the majority class", () => {
    // Label model: row 0 Fiction, row 1 Non-fiction (breaks the tie right), row 2 Non-fiction, row 3 silent.
    const c = compareWithMajorityVote(matrix, Float64Array.from([0.9, 0.2, 0.1, Number.NaN]), labels);
    expect(c).toMatchObject({ books: 4, covered: 3, ties: 1, tieBreak: "Non-fiction" });
    expect(c.labelModel.accuracy).toBe(1);
    expect(c.majorityVote.accuracy).toBe(1);
    expect(c.withoutTies.labelModel.scored).toBe(2);
  });
  it("computes macro-F1 by hand", () => {
    // labels F F N N, predicted F N N N: F f1 = 2/3, N f1 = 0.8 -> macro 0.7333
    const s = scoreLabels([F, N, N, N], [F, F, N, N], [0, 1, 2, 3]);
    expect(s.accuracy).toBe(0.75);
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
});
