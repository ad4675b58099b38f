import type { LabellingFunction } from "./types";
import { ABSTAIN, CLASS_NAMES, FICTION, NON_FICTION, type VoteMatrix } from "./votes";

/**
 * The study's LF table: per function, coverage, overlaps, conflicts and (where labels exist)
 * empirical accuracy. All shares are fractions of the rows of the matrix analysed.
 */
export interface LfFigures {
  name: string;
  /** Labels the function emitted on these rows. */
  polarity: string[];
  votes: { fiction: number; nonFiction: number };
  coverage: number;
  /** Share of rows where this function votes and at least one other function votes too. */
  overlaps: number;
  /** Share of rows where this function votes and another votes the other label. */
  conflicts: number;
  /** On rows with a human label: how many votes were right and wrong, and their share. */
  labelled?: { correct: number; incorrect: number; accuracy: number | null };
}

export interface MatrixFigures {
  rows: number;
  /** Share of rows at least one function votes on. */
  coverage: number;
  /** Share of rows with two or more votes, and with votes for both labels. */
  overlaps: number;
  conflicts: number;
  functions: LfFigures[];
}

/**
 * @param labels per row: FICTION, NON_FICTION or ABSTAIN (no human label). Omit for unlabelled rows.
 */
export function analyseVotes(matrix: VoteMatrix, labels?: Int8Array): MatrixFigures {
  const { n, m, votes } = matrix;
  if (labels && labels.length !== n) throw new Error(`analyseVotes: ${labels.length} labels for ${n} rows`);
  const fires = new Array<number>(m).fill(0);
  const fiction = new Array<number>(m).fill(0);
  const overlap = new Array<number>(m).fill(0);
  const conflict = new Array<number>(m).fill(0);
  const correct = new Array<number>(m).fill(0);
  const incorrect = new Array<number>(m).fill(0);
  let covered = 0;
  let overlapped = 0;
  let conflicted = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    let nf = 0;
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j];
      if (v === FICTION) f++;
      else if (v === NON_FICTION) nf++;
    }
    const voted = f + nf;
    if (voted > 0) covered++;
    if (voted > 1) overlapped++;
    if (f > 0 && nf > 0) conflicted++;
    const y = labels?.[i] ?? ABSTAIN;
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j]!;
      if (v === ABSTAIN) continue;
      fires[j]!++;
      if (v === FICTION) fiction[j]!++;
      if (voted > 1) overlap[j]!++;
      if ((v === FICTION ? nf : f) > 0) conflict[j]!++;
      if (y !== ABSTAIN) {
        if (v === y) correct[j]!++;
        else incorrect[j]!++;
      }
    }
  }
  const share = (x: number) => (n === 0 ? 0 : x / n);
  const functions = matrix.names.map((name, j): LfFigures => {
    const nonFiction = fires[j]! - fiction[j]!;
    const polarity = [...(nonFiction > 0 ? [CLASS_NAMES[NON_FICTION]!] : []), ...(fiction[j]! > 0 ? [CLASS_NAMES[FICTION]!] : [])];
    const scored = correct[j]! + incorrect[j]!;
    return {
      name,
      polarity,
      votes: { fiction: fiction[j]!, nonFiction },
      coverage: share(fires[j]!),
      overlaps: share(overlap[j]!),
      conflicts: share(conflict[j]!),
      ...(labels ? { labelled: { correct: correct[j]!, incorrect: incorrect[j]!, accuracy: scored > 0 ? correct[j]! / scored : null } } : {}),
    };
  });
  return { rows: n, coverage: share(covered), overlaps: share(overlapped), conflicts: share(conflicted), functions };
}

export interface LfExample {
  id: string;
  title: string;
  vote: string;
}

/**
 * Up to `limit` rows where each function fires, spread evenly over the rows it fires on
 * (the first rows of a file are often one shelf), for the staff page.
 */
export function collectExamples(
  matrix: VoteMatrix,
  rows: ReadonlyArray<{ id: string; title: string }>,
  limit = 10,
): Record<string, LfExample[]> {
  const out: Record<string, LfExample[]> = {};
  for (let j = 0; j < matrix.m; j++) {
    const firing: number[] = [];
    for (let i = 0; i < matrix.n; i++) if (matrix.votes[i * matrix.m + j] !== ABSTAIN) firing.push(i);
    const step = Math.max(1, firing.length / limit);
    const picked: LfExample[] = [];
    for (let k = 0; k < Math.min(limit, firing.length); k++) {
      const i = firing[Math.floor(k * step)]!;
      picked.push({ id: rows[i]!.id, title: rows[i]!.title, vote: CLASS_NAMES[matrix.votes[i * matrix.m + j]!]! });
    }
    out[matrix.names[j]!] = picked;
  }
  return out;
}

export function describeFunctions(functions: readonly LabellingFunction[]): Array<{ name: string; description: string }> {
  return functions.map((f) => ({ name: f.lfName, description: f.description }));
}
