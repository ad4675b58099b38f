import type Database from "better-sqlite3";
import { decideFlag, type FlagDecision, type FlagState } from "@/lib/review/state";

/** Public flags on predicted values and the human labels made from them or by staff, on the store's handle. */

export interface NewFlag {
  recordId: string;
  generator: string;
  /** The prediction version the visitor saw (null when the book had no prediction). */
  modelVersion: string | null;
  predictedValue: string | null;
  suggestedValue: string;
  comment: string | null;
  ipHash: string;
}

export interface Flag extends NewFlag {
  id: number;
  createdAt: string;
  state: FlagState;
  decidedBy: string | null;
  decidedAt: string | null;
  humanLabelId: number | null;
}

export type HumanLabelSource = "public-flag" | "staff";

export interface HumanLabel {
  id: number;
  recordId: string;
  generator: string;
  label: string;
  source: HumanLabelSource;
  who: string;
  createdAt: string;
  flagId: number | null;
}

interface FlagRow {
  id: number;
  record_id: string;
  generator: string;
  model_version: string | null;
  predicted_value: string | null;
  suggested_value: string;
  comment: string | null;
  created_at_ms: number;
  ip_hash: string;
  state: FlagState;
  decided_by: string | null;
  decided_at_ms: number | null;
  human_label_id: number | null;
}

interface LabelRow {
  id: number;
  record_id: string;
  generator: string;
  label: string;
  source: HumanLabelSource;
  who: string;
  created_at_ms: number;
  flag_id: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toFlag(r: FlagRow): Flag {
  return {
    id: r.id,
    recordId: r.record_id,
    generator: r.generator,
    modelVersion: r.model_version,
    predictedValue: r.predicted_value,
    suggestedValue: r.suggested_value,
    comment: r.comment,
    ipHash: r.ip_hash,
    createdAt: iso(r.created_at_ms),
    state: r.state,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at_ms === null ? null : iso(r.decided_at_ms),
    humanLabelId: r.human_label_id,
  };
}

function toHumanLabel(r: LabelRow): HumanLabel {
  return { id: r.id, recordId: r.record_id, generator: r.generator, label: r.label, source: r.source, who: r.who, createdAt: iso(r.created_at_ms), flagId: r.flag_id };
}

export class FlagNotFoundError extends Error {
  override name = "FlagNotFoundError";
}

export class ReviewStore {
  constructor(private readonly db: Database.Database) {}

  addFlag(flag: NewFlag, nowMs = Date.now()): Flag {
    const info = this.db
      .prepare(
        "INSERT INTO flags (record_id, generator, model_version, predicted_value, suggested_value, comment, created_at_ms, ip_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(flag.recordId, flag.generator, flag.modelVersion, flag.predictedValue, flag.suggestedValue, flag.comment, nowMs, flag.ipHash);
    return this.getFlag(Number(info.lastInsertRowid))!;
  }

  getFlag(id: number): Flag | null {
    const row = this.db.prepare<[number], FlagRow>("SELECT * FROM flags WHERE id = ?").get(id);
    return row ? toFlag(row) : null;
  }

  listFlags(state: FlagState, limit = 100): Flag[] {
    return this.db.prepare<[string, number], FlagRow>("SELECT * FROM flags WHERE state = ? ORDER BY created_at_ms, id LIMIT ?").all(state, limit).map(toFlag);
  }

  countFlags(state: FlagState): number {
    return this.db.prepare<[string], number>("SELECT COUNT(*) FROM flags WHERE state = ?").pluck().get(state) ?? 0;
  }

  listFlagsForRecord(recordId: string): Flag[] {
    return this.db.prepare<[string], FlagRow>("SELECT * FROM flags WHERE record_id = ? ORDER BY created_at_ms, id").all(recordId).map(toFlag);
  }

  /**
   * Accept or reject an open flag in one transaction: accepting also writes the human label.
   * A second decision on the same flag fails (ReviewStateError), whichever process makes it.
   */
  decideFlag(id: number, decision: FlagDecision, who: string, nowMs = Date.now()): { flag: Flag; label: HumanLabel | null } {
    return this.db.transaction(() => {
      const flag = this.getFlag(id);
      if (!flag) throw new FlagNotFoundError(`no flag with id ${id}`);
      const next = decideFlag(flag, decision, who, nowMs);
      let label: HumanLabel | null = null;
      if (next.state === "accepted") {
        label = this.insertLabel({ recordId: flag.recordId, generator: flag.generator, label: flag.suggestedValue, source: "public-flag", who, flagId: flag.id }, nowMs);
      }
      // The state guard in WHERE makes a concurrent second decision change nothing.
      const changed = this.db
        .prepare("UPDATE flags SET state = ?, decided_by = ?, decided_at_ms = ?, human_label_id = ? WHERE id = ? AND state = 'open'")
        .run(next.state, next.decidedBy, next.decidedAtMs, label?.id ?? null, id).changes;
      if (changed !== 1) throw new FlagNotFoundError(`flag ${id} changed while it was being decided`);
      return { flag: this.getFlag(id)!, label };
    })();
  }

  addStaffLabel(input: { recordId: string; generator: string; label: string; who: string }, nowMs = Date.now()): HumanLabel {
    return this.insertLabel({ ...input, source: "staff", flagId: null }, nowMs);
  }

  listLabelsForRecord(recordId: string): HumanLabel[] {
    return this.db.prepare<[string], LabelRow>("SELECT * FROM human_labels WHERE record_id = ? ORDER BY created_at_ms, id").all(recordId).map(toHumanLabel);
  }

  /** The newest human label of each record for one generator (a later human decision supersedes an earlier one). */
  getLatestLabels(generator: string): HumanLabel[] {
    return this.db
      .prepare<[string], LabelRow>(
        `SELECT * FROM human_labels h WHERE generator = ? AND id = (
           SELECT id FROM human_labels WHERE record_id = h.record_id AND generator = h.generator ORDER BY created_at_ms DESC, id DESC LIMIT 1
         ) ORDER BY record_id`,
      )
      .all(generator)
      .map(toHumanLabel);
  }

  /** Record ids with any human label for the generator (active learning skips them). */
  labelledRecordIds(generator: string): Set<string> {
    return new Set(this.db.prepare<[string], string>("SELECT DISTINCT record_id FROM human_labels WHERE generator = ?").pluck().all(generator));
  }

  private insertLabel(l: Omit<HumanLabel, "id" | "createdAt">, nowMs: number): HumanLabel {
    const info = this.db
      .prepare("INSERT INTO human_labels (record_id, generator, label, source, who, created_at_ms, flag_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(l.recordId, l.generator, l.label, l.source, l.who, nowMs, l.flagId);
    return toHumanLabel(this.db.prepare<[number], LabelRow>("SELECT * FROM human_labels WHERE id = ?").get(Number(info.lastInsertRowid))!);
  }
}
