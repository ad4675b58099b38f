import "server-only";
import path from "node:path";
import { getServerEnv, workPaths } from "@/lib/env";
import { chooseDataDir, LABELS_FILE } from "@/lib/records/data-files";
import { getStore } from "@/lib/store/server";
import type { PredictionVersion } from "@/lib/store/types";
import { ArtifactInvalidError, ArtifactsMissingError, readLfReport, readModelArtifacts, type LfReportFile, type ModelArtifacts } from "./artifacts";

/**
 * What every /about page and download reads at request time: the current model's artifacts, the
 * LF report and the store's version history. A missing model is an expected state (a fresh
 * install), returned as a message for the page's empty state; anything else is thrown.
 */
export type AboutData =
  | { ok: true; artifacts: ModelArtifacts; lf: LfReportFile | null; lfError: string | null; versions: PredictionVersion[]; currentVersion: string | null; workDir: string }
  | { ok: false; message: string; versions: PredictionVersion[]; currentVersion: string | null; workDir: string };

export async function getAboutData(): Promise<AboutData> {
  const workDir = getServerEnv().WORK_DIR;
  const store = await getStore();
  const currentVersion = store.getCurrentVersion("genre");
  const versions = store.listPredictionVersions("genre");
  let artifacts: ModelArtifacts;
  try {
    artifacts = readModelArtifacts(workDir, currentVersion);
  } catch (error) {
    if (error instanceof ArtifactsMissingError || error instanceof ArtifactInvalidError) return { ok: false, message: error.message, versions, currentVersion, workDir };
    throw error;
  }
  let lf: LfReportFile | null = null;
  let lfError: string | null = null;
  try {
    lf = readLfReport(workPaths().reports);
  } catch (error) {
    lfError = error instanceof Error ? error.message : String(error);
  }
  return { ok: true, artifacts, lf, lfError, versions, currentVersion, workDir };
}

/** The labelled sample: `<data folder>/annotations/train_valid.csv`, the data folder chosen as everywhere else. */
export function labelsFilePath(): string {
  return path.join(chooseDataDir(getServerEnv()).dir, LABELS_FILE);
}
