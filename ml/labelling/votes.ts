import type { BookRecord } from "@/lib/records/types";
import type { Genre, LabellingFunction, Vote } from "./types";

/** Vote codes in a vote matrix. Class indices follow the codes: 0 Non-fiction, 1 Fiction. */
export const ABSTAIN = -1;
export const NON_FICTION = 0;
export const FICTION = 1;
export const CLASS_NAMES: readonly Genre[] = ["Non-fiction", "Fiction"];

/** Votes of m functions on n records, row-major (`votes[i * m + j]`). */
export interface VoteMatrix {
  n: number;
  m: number;
  names: readonly string[];
  votes: Int8Array;
}

export function toVoteCode(vote: Vote): number {
  if (vote === null) return ABSTAIN;
  if (vote === "Fiction") return FICTION;
  if (vote === "Non-fiction") return NON_FICTION;
  throw new Error(`Unknown vote ${JSON.stringify(vote)}`);
}

export function toGenre(code: number): Genre | null {
  return code === FICTION ? "Fiction" : code === NON_FICTION ? "Non-fiction" : null;
}

export function buildVoteMatrix(records: readonly BookRecord[], functions: readonly LabellingFunction[]): VoteMatrix {
  const n = records.length;
  const m = functions.length;
  const votes = new Int8Array(n * m);
  for (let i = 0; i < n; i++) {
    const record = records[i]!;
    for (let j = 0; j < m; j++) {
      const fn = functions[j]!;
      let vote: Vote;
      try {
        vote = fn(record);
      } catch (cause) {
        throw new Error(`Labelling function "${fn.lfName}" failed on record ${record.id}`, { cause });
      }
      votes[i * m + j] = toVoteCode(vote);
    }
  }
  return { n, m, names: functions.map((f) => f.lfName), votes };
}

/** Build a matrix from plain rows of codes (tests, synthetic data). */
export function buildVoteMatrixFromRows(rows: readonly (readonly number[])[], names?: readonly string[]): VoteMatrix {
  const m = rows[0]?.length ?? names?.length ?? 0;
  const votes = new Int8Array(rows.length * m);
  rows.forEach((row, i) => {
    if (row.length !== m) throw new Error(`Vote row ${i} has ${row.length} votes, expected ${m}`);
    row.forEach((v, j) => {
      if (v !== ABSTAIN && v !== NON_FICTION && v !== FICTION) throw new Error(`Vote row ${i}, column ${j}: ${v} is not -1, 0 or 1`);
      votes[i * m + j] = v;
    });
  });
  return { n: rows.length, m, names: names ?? Array.from({ length: m }, (_, j) => `lf_${j}`), votes };
}

export function selectRows(matrix: VoteMatrix, rows: readonly number[]): VoteMatrix {
  const { m } = matrix;
  const votes = new Int8Array(rows.length * m);
  rows.forEach((r, i) => votes.set(matrix.votes.subarray(r * m, r * m + m), i * m));
  return { n: rows.length, m, names: matrix.names, votes };
}

/**
 * Majority vote per row: the class with more votes; ties and silent rows get `ABSTAIN`,
 * unless `tieBreak` names the class that ties go to (silent rows still abstain).
 */
export function majorityVote(matrix: VoteMatrix, tieBreak?: number): Int8Array {
  const out = new Int8Array(matrix.n);
  for (let i = 0; i < matrix.n; i++) {
    let f = 0;
    let nf = 0;
    for (let j = 0; j < matrix.m; j++) {
      const v = matrix.votes[i * matrix.m + j];
      if (v === FICTION) f++;
      else if (v === NON_FICTION) nf++;
    }
    if (f === 0 && nf === 0) out[i] = ABSTAIN;
    else if (f > nf) out[i] = FICTION;
    else if (nf > f) out[i] = NON_FICTION;
    else out[i] = tieBreak ?? ABSTAIN;
  }
  return out;
}
