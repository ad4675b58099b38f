import fs from "node:fs";
import path from "node:path";
import type { StoredHumanLabel } from "@/ml/data/human-labels";
import { openSqliteStore } from "@/lib/store";
import { ReviewStore } from "@/lib/store/review";

/**
 * The human genre labels of a store, with their records, for `npm run train`. A missing store
 * file means no labels yet (a fresh WORK_DIR trains on the annotation file alone).
 */
export function readHumanGenreLabels(storeFile: string): StoredHumanLabel[] {
  if (!fs.existsSync(storeFile)) return [];
  const store = openSqliteStore(storeFile);
  try {
    return new ReviewStore(store.db).getLatestLabels("genre").map((l) => ({ recordId: l.recordId, label: l.label, createdAt: l.createdAt, record: store.getRecord(l.recordId) }));
  } finally {
    store.close();
  }
}

/** The date of the model a new training follows (its human labels after this date are "new"). */
export function readPreviousModelDate(modelDir: string | null): string | null {
  if (!modelDir) return null;
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(modelDir, "model.json"), "utf8")) as { createdAt?: unknown };
    return typeof meta.createdAt === "string" ? meta.createdAt : null;
  } catch {
    return null;
  }
}
