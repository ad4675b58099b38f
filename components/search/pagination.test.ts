import { describe, expect, it } from "vitest";
import { toPageWindow } from "./pagination";

describe("toPageWindow", () => {
  it("shows first, last and two either side, with gaps", () => {
    expect(toPageWindow(10, 40)).toEqual([1, null, 8, 9, 10, 11, 12, null, 40]);
  });
  it("has no gap where the window meets the ends", () => {
    expect(toPageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(toPageWindow(1, 1)).toEqual([1]);
  });
});
