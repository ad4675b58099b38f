import path from "node:path";
import { describe, expect, it } from "vitest";
import { foldText } from "@/ml/features/char-fold";
import { readLabelledBooks } from "./read-labelled";
import { buildFolds, findLeaks, toGroups } from "./split";

const item = (id: string, title: string, y = 0) => ({ id, titleKey: foldText(title), y });

describe("grouped splits", () => {
  const items = [
    item("1", "The Lost Heiress. A novel", 1),
    item("2", "The lost heiress: a novel", 1), // same folded title as 1
    item("1", "The Lost Heiress (another row of book 1)", 1), // same id as 1
    item("4", "A History of Kent"),
    item("5", "Travels in Norway"),
    item("6", "Poems", 1),
    item("7", "A Guide to the Lakes"),
    item("8", "Memoirs of a Life"),
  ];
  it("groups books by id and by identical folded title", () => {
    const g = toGroups(items);
    expect(g[0]).toBe(g[1]);
    expect(g[0]).toBe(g[2]);
    expect(new Set(g).size).toBe(6);
  });
  it("never puts a group on both sides of any fold, for several seeds", () => {
    for (const seed of [1, 2, 3, 42]) {
      const folds = buildFolds(items, 3, seed);
      for (let f = 0; f < 3; f++) {
        const inF = items.map((_, i) => i).filter((i) => folds[i] === f);
        const out = items.map((_, i) => i).filter((i) => folds[i] !== f);
        expect(findLeaks(items, out, inF)).toEqual([]);
      }
    }
  });
  it("finds a leak when one is planted (the check itself can fail)", () => {
    expect(findLeaks(items, [0], [1])).toEqual(["2"]);
  });
  it("is deterministic for a seed and changes with the seed", () => {
    const many = Array.from({ length: 60 }, (_, i) => item(String(i), `title ${i}`, i % 3 === 0 ? 1 : 0));
    expect(buildFolds(many, 5, 7)).toEqual(buildFolds(many, 5, 7));
    expect(buildFolds(many, 5, 7)).not.toEqual(buildFolds(many, 5, 8));
  });
});

const dataDir = process.env.BL_DATA_DIR;
describe.runIf(Boolean(dataDir))("real labels (BL_DATA_DIR)", () => {
  it("has 1,744 books from 4,374 rows and no book or identical title across the is_valid split", async () => {
    const data = await readLabelledBooks(path.join(dataDir!, "annotations", "train_valid.csv"));
    expect(data.rows).toBe(4374);
    expect(data.books.length).toBe(1744);
    const train = data.books.map((_, i) => i).filter((i) => !data.books[i]!.isValid);
    const valid = data.books.map((_, i) => i).filter((i) => data.books[i]!.isValid);
    expect(findLeaks(data.books, train, valid)).toEqual([]);
    const folds = buildFolds(data.books, 5, 42);
    for (let f = 0; f < 5; f++) {
      const a = data.books.map((_, i) => i).filter((i) => folds[i] !== f);
      const b = data.books.map((_, i) => i).filter((i) => folds[i] === f);
      expect(findLeaks(data.books, a, b)).toEqual([]);
    }
  });
});
