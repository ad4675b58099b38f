/**
 * Deterministic, grouped splits. Books sharing an id or an identical folded title form one
 * group and always land on the same side, so a reprint cannot leak its label across a split.
 */
import { buildRandom, shuffleInPlace } from "./random";

export interface Groupable {
  id: string;
  titleKey: string;
  y: number;
}

/** Group index per item (union of "same id" and "same folded title"). */
export function toGroups(items: readonly Groupable[]): number[] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstByKey = new Map<string, number>();
  items.forEach((item, i) => {
    for (const key of [`id:${item.id}`, `t:${item.titleKey}`]) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, i);
      else union(first, i);
    }
  });
  const ids = new Map<number, number>();
  return items.map((_, i) => {
    const root = find(i);
    let g = ids.get(root);
    if (g === undefined) {
      g = ids.size;
      ids.set(root, g);
    }
    return g;
  });
}

/**
 * Fold (0..k-1) per item: groups are shuffled with the seed, then dealt to folds per class so
 * every fold has about the same share of Fiction.
 */
export function buildFolds(items: readonly Groupable[], k: number, seed: number): number[] {
  if (k < 2) throw new Error(`buildFolds: k must be at least 2, got ${k}`);
  const groups = toGroups(items);
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const random = buildRandom(seed);
  const groupIds = shuffleInPlace([...members.keys()], random);
  const positive = (g: number) => members.get(g)!.some((i) => items[i]!.y === 1);
  // Positive groups first, each class dealt round-robin continuing the same counter.
  const ordered = [...groupIds.filter(positive), ...groupIds.filter((g) => !positive(g))];
  const fold = new Array<number>(items.length).fill(-1);
  ordered.forEach((g, n) => {
    for (const i of members.get(g)!) fold[i] = n % k;
  });
  return fold;
}

/** Items that share a group across two index sets (should be empty for a clean split). */
export function findLeaks(items: readonly Groupable[], a: readonly number[], b: readonly number[]): string[] {
  const groups = toGroups(items);
  const inA = new Set(a.map((i) => groups[i]));
  return b.filter((i) => inA.has(groups[i])).map((i) => items[i]!.id);
}
