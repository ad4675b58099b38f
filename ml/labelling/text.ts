/**
 * Title text helpers shared by the labelling functions and the leakage filter.
 */

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A case-insensitive regex matching any of `words` as whole words. `\b` is ASCII-only in
 * JavaScript, so word edges are Unicode-letter lookarounds: "roman" must not fire inside
 * "romantic" and "digte" must work next to "æ" and "ø".
 */
export function buildWordRegex(words: readonly string[]): RegExp {
  if (words.length === 0) throw new Error("buildWordRegex needs at least one word");
  const alternatives = [...words].sort((a, b) => b.length - a.length).map((w) => escapeRegex(w.normalize("NFC")));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}
