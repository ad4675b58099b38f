/**
 * 32-bit hashing of code-unit sequences (FNV-1a with a murmur3 finaliser for well-spread low
 * bits). Works on numbers, not strings, so hashing n-grams allocates nothing.
 */

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** murmur3 fmix32: FNV's low bits are weak, and buckets are taken from the low bits. */
export function finalise(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a string (used for seeds and categorical tokens, not in the hot loop). */
export function hashString(text: string, seed: number = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return finalise(h);
}

/** Combine two hashes (word bigrams, namespaces). Order matters: (a, b) != (b, a). */
export function combine(a: number, b: number): number {
  return finalise(Math.imul(a ^ 0x9e3779b9, 0x85ebca77) ^ b);
}
