import { describe, expect, it } from "vitest";
import { fitLabelModel, maximise, predictLabelModel, toLearnedAccuracies } from "./label-model";
import { ABSTAIN, buildVoteMatrixFromRows, FICTION, majorityVote, NON_FICTION, type VoteMatrix } from "./votes";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SyntheticLf {
  /** P(fires | class) for [Non-fiction, Fiction]. */
  fires: [number, number];
  /** P(votes Fiction | fires, class) for [Non-fiction, Fiction]. */
  votesFiction: [number, number];
}

function generate(seed: number, n: number, pFiction: number, lfs: SyntheticLf[]): { matrix: VoteMatrix; truth: Int8Array } {
  const rand = mulberry32(seed);
  const rows: number[][] = [];
  const truth = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const y = rand() < pFiction ? 1 : 0;
    truth[i] = y;
    rows.push(lfs.map((lf) => (rand() < lf.fires[y]! ? (rand() < lf.votesFiction[y]! ? FICTION : NON_FICTION) : ABSTAIN)));
  }
  return { matrix: buildVoteMatrixFromRows(rows), truth };
}

/** The accuracy each synthetic function has by construction, given the prior. */
function trueAccuracy(lf: SyntheticLf, pFiction: number): number {
  const pr = [1 - pFiction, pFiction];
  const right = pr[0]! * lf.fires[0] * (1 - lf.votesFiction[0]) + pr[1]! * lf.fires[1] * lf.votesFiction[1];
  const fires = pr[0]! * lf.fires[0] + pr[1]! * lf.fires[1];
  return right / fires;
}

/** Tolerance on recovered accuracies, stated in the terms: within 0.03 of the truth. */
const TOLERANCE = 0.03;

describe("Dawid-Skene label model", () => {
  it("recovers known accuracies of two-sided functions on a seeded synthetic matrix", () => {
    const rand = mulberry32(7);
    const lfs: SyntheticLf[] = Array.from({ length: 8 }, () => {
      const coverage = 0.15 + 0.5 * rand();
      const accuracy = 0.62 + 0.33 * rand();
      return { fires: [coverage, coverage], votesFiction: [1 - accuracy, accuracy] };
    });
    const { matrix } = generate(42, 20_000, 0.3, lfs);
    const params = fitLabelModel(matrix);
    const learned = toLearnedAccuracies(params);
    expect(params.converged).toBe(true);
    expect(Math.abs(params.prior[1] - 0.3)).toBeLessThan(TOLERANCE);
    lfs.forEach((lf, j) => expect(Math.abs(learned[j]!.accuracy - trueAccuracy(lf, 0.3))).toBeLessThan(TOLERANCE));
  });

  it("recovers accuracies of one-sided functions (the shape of real keyword functions)", () => {
    // Fiction-only and Non-fiction-only functions; they differ in how often they fire per class.
    const lfs: SyntheticLf[] = [
      { fires: [0.02, 0.3], votesFiction: [1, 1] },
      { fires: [0.05, 0.4], votesFiction: [1, 1] },
      { fires: [0.03, 0.25], votesFiction: [1, 1] },
      { fires: [0.35, 0.04], votesFiction: [0, 0] },
      { fires: [0.25, 0.06], votesFiction: [0, 0] },
      { fires: [0.3, 0.02], votesFiction: [0, 0] },
      { fires: [0.2, 0.2], votesFiction: [0.15, 0.85] },
    ];
    const { matrix } = generate(1234, 30_000, 0.25, lfs);
    // Here the silent rows follow the model exactly, so they are fitted too (the default leaves
    // them out, see LabelModelOptions.includeSilentRows).
    const learned = toLearnedAccuracies(fitLabelModel(matrix, { includeSilentRows: true }));
    lfs.forEach((lf, j) => expect(Math.abs(learned[j]!.accuracy - trueAccuracy(lf, 0.25))).toBeLessThan(TOLERANCE));
  });

  it("beats majority vote when the functions differ in accuracy", () => {
    const lfs: SyntheticLf[] = [
      { fires: [0.9, 0.9], votesFiction: [0.05, 0.95] },
      { fires: [0.9, 0.9], votesFiction: [0.4, 0.6] },
      { fires: [0.9, 0.9], votesFiction: [0.4, 0.6] },
      { fires: [0.9, 0.9], votesFiction: [0.4, 0.6] },
    ];
    const { matrix, truth } = generate(99, 10_000, 0.5, lfs);
    const p = predictLabelModel(fitLabelModel(matrix), matrix);
    const mv = majorityVote(matrix, NON_FICTION);
    let lmRight = 0;
    let mvRight = 0;
    for (let i = 0; i < matrix.n; i++) {
      if (Number.isNaN(p[i]!)) continue;
      if ((p[i]! >= 0.5 ? 1 : 0) === truth[i]) lmRight++;
      if (mv[i] === truth[i]) mvRight++;
    }
    expect(lmRight).toBeGreaterThan(mvRight);
  });

  it("gives the hand-computed posterior and abstains on silent rows", () => {
    const params = {
      names: ["a", "b"],
      prior: [0.75, 0.25] as [number, number],
      // class 0 (NF): a abstains 0.9, votes NF 0.08, F 0.02; class 1 (F): a abstains 0.5, NF 0.1, F 0.4
      confusion: [
        [
          [0.9, 0.08, 0.02],
          [0.5, 0.1, 0.4],
        ],
        [
          [0.6, 0.4, 0],
          [0.95, 0.05, 0],
        ].map((r) => r.map((x) => (x === 0 ? 1e-9 : x))),
      ],
      iterations: 0,
      logLikelihood: 0,
      converged: true,
    };
    const matrix = buildVoteMatrixFromRows([
      [FICTION, ABSTAIN],
      [FICTION, NON_FICTION],
      [ABSTAIN, ABSTAIN],
    ]);
    const p = predictLabelModel(params, matrix);
    // Row 0: NF 0.75*0.02*0.6 = 0.009, F 0.25*0.4*0.95 = 0.095 -> 0.095/0.104
    expect(p[0]).toBeCloseTo(0.095 / 0.104, 6);
    // Row 1: NF 0.75*0.02*0.4 = 0.006, F 0.25*0.4*0.05 = 0.005 -> 0.005/0.011
    expect(p[1]).toBeCloseTo(0.005 / 0.011, 6);
    expect(Number.isNaN(p[2]!)).toBe(true);
    const acc = toLearnedAccuracies(params);
    // a: right = 0.75*0.08 + 0.25*0.4 = 0.16; fires = 0.75*0.1 + 0.25*0.5 = 0.2 -> 0.8
    expect(acc[0]!.accuracy).toBeCloseTo(0.8, 6);
  });

  it("computes the M-step by hand on a tiny case", () => {
    // Two patterns, one function: outcome F (code 2) with weight 3 at P(F)=1, outcome abstain (0) with weight 1 at P(F)=0.
    const { prior, confusion } = maximise({ outcomes: [2, 0], counts: [3, 1] }, [1, 0], 1, 1);
    // prior F = (3 + 1) / (4 + 2)
    expect(prior[1]).toBeCloseTo(4 / 6, 10);
    // class F counts: abstain 0+1, NF 0+1, F 3+1 -> /6
    expect(confusion[0]![1]).toEqual([1 / 6, 1 / 6, 4 / 6].map((x) => expect.closeTo(x, 10)));
    // class NF counts: abstain 1+1, NF 1, F 1 -> /4
    expect(confusion[0]![0]).toEqual([2 / 4, 1 / 4, 1 / 4].map((x) => expect.closeTo(x, 10)));
  });

  it("starts from majority vote, so Fiction stays Fiction", () => {
    const rows = [
      ...Array.from({ length: 30 }, () => [FICTION, FICTION, ABSTAIN]),
      ...Array.from({ length: 60 }, () => [NON_FICTION, ABSTAIN, NON_FICTION]),
      ...Array.from({ length: 10 }, () => [FICTION, NON_FICTION, NON_FICTION]),
    ];
    const matrix = buildVoteMatrixFromRows(rows);
    const p = predictLabelModel(fitLabelModel(matrix), matrix);
    expect(p[0]).toBeGreaterThan(0.9);
    expect(p[40]).toBeLessThan(0.1);
  });

  it("leaves silent rows out of the fit by default", () => {
    const rows = [
      ...Array.from({ length: 30 }, () => [FICTION, FICTION, ABSTAIN]),
      ...Array.from({ length: 60 }, () => [NON_FICTION, ABSTAIN, NON_FICTION]),
      ...Array.from({ length: 10 }, () => [FICTION, NON_FICTION, NON_FICTION]),
    ];
    const silent = Array.from({ length: 500 }, () => [ABSTAIN, ABSTAIN, ABSTAIN]);
    const without = fitLabelModel(buildVoteMatrixFromRows(rows));
    const withSilentIgnored = fitLabelModel(buildVoteMatrixFromRows([...rows, ...silent]));
    const withSilentFitted = fitLabelModel(buildVoteMatrixFromRows([...rows, ...silent]), { includeSilentRows: true });
    expect(withSilentIgnored.prior[1]).toBeCloseTo(without.prior[1], 10);
    expect(Math.abs(withSilentFitted.prior[1] - without.prior[1])).toBeGreaterThan(0.01);
    expect(() => fitLabelModel(buildVoteMatrixFromRows(silent))).toThrow(/every function abstains/);
  });

  it("refuses an empty matrix and a bad fixed prior", () => {
    expect(() => fitLabelModel(buildVoteMatrixFromRows([], ["a"]))).toThrow(/empty/);
    expect(() => fitLabelModel(buildVoteMatrixFromRows([[1]]), { fixedFictionPrior: 1 })).toThrow(/fixedFictionPrior/);
  });
});
