import type { Prediction } from "@/lib/store/types";

export type HistoryRow = Prediction & { generator: string; version: string; createdAt: string };

export interface GeneratorHistory {
  generator: string;
  /** The live version's prediction, when the record has one. */
  current: HistoryRow | null;
  /** Every version, newest first, each marked when its value differs from the version before it. */
  versions: Array<HistoryRow & { changed: boolean; live: boolean }>;
}

/** Groups a record's prediction history by generator, in the order of `generators`, then any others. */
export function toGeneratorHistories(
  rows: readonly HistoryRow[],
  currentVersions: Record<string, string | null>,
  generators: readonly string[],
): GeneratorHistory[] {
  const byGenerator = new Map<string, HistoryRow[]>();
  for (const row of rows) {
    const list = byGenerator.get(row.generator) ?? [];
    list.push(row);
    byGenerator.set(row.generator, list);
  }
  const order = [...generators, ...[...byGenerator.keys()].filter((g) => !generators.includes(g)).sort()];
  const out: GeneratorHistory[] = [];
  for (const generator of order) {
    const list = [...(byGenerator.get(generator) ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.version.localeCompare(a.version));
    if (list.length === 0) continue;
    const live = currentVersions[generator] ?? null;
    const versions = list.map((row, i) => {
      const older = list[i + 1];
      return { ...row, changed: older !== undefined && older.value !== row.value, live: row.version === live };
    });
    out.push({ generator, current: list.find((r) => r.version === live) ?? null, versions });
  }
  return out;
}
