/**
 * The review state machine of a public flag: open -> accepted | rejected, decided once.
 * Pure, so the store applies it inside its transaction and tests need no database.
 */
export const FLAG_STATES = ["open", "accepted", "rejected"] as const;
export type FlagState = (typeof FLAG_STATES)[number];
export type FlagDecision = "accept" | "reject";

export class ReviewStateError extends Error {
  override name = "ReviewStateError";
}

export interface DecidedFlag {
  state: Exclude<FlagState, "open">;
  decidedBy: string;
  decidedAtMs: number;
}

/** The flag's state after `decision`; a flag already decided refuses a second decision. */
export function decideFlag(flag: { id: number; state: FlagState; decidedBy: string | null }, decision: FlagDecision, who: string, nowMs: number): DecidedFlag {
  if (flag.state !== "open") {
    throw new ReviewStateError(`flag ${flag.id} was already ${flag.state}${flag.decidedBy ? ` by ${flag.decidedBy}` : ""}; a flag is decided once`);
  }
  if (!who.trim()) throw new ReviewStateError(`flag ${flag.id}: a decision needs the reviewer's name`);
  return { state: decision === "accept" ? "accepted" : "rejected", decidedBy: who, decidedAtMs: nowMs };
}
