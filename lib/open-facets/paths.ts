import path from "node:path";

/** Where the book vectors live under WORK_DIR (built by `npm run vectors:build`). */
export function vectorFilePath(workDir: string): string {
  return path.join(path.resolve(workDir), "vectors", "books.int8.bin");
}
