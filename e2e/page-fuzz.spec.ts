import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { buildSearchArbitraries, type CollectionSample } from "@/lib/search/fuzz/arbitraries";

/**
 * The search page under generated parameter sets (the same generators as the API fuzz suite, fed
 * with the fixture server's own facet values and title words): every answer renders results or a
 * message naming the bad parameter, never a server error, and always under the nonce policy.
 * PAGE_FUZZ_RUNS and FUZZ_SEED override the run count and seed.
 */

const RUNS = Number(process.env.PAGE_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

test.setTimeout(600_000);

async function sampleCollection(baseURL: string): Promise<CollectionSample> {
  const res = await fetch(`${baseURL}/api/search?per_page=100&facet_limit=1000`);
  const body = (await res.json()) as { hits: Array<{ title: string }>; facets: Record<string, Array<{ value: string }>> };
  const realValues: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(body.facets)) realValues[name] = [...values.map((v) => v.value), "uncertain"];
  const titleWords = [...new Set(body.hits.flatMap((h) => h.title.split(/\s+/)).filter((w) => w.length > 0))];
  return { realValues, titleWords };
}

test(`the search page answers ${RUNS} generated parameter sets with results or a clear message, never a 5xx`, async ({ request, baseURL }) => {
  const { entriesArb } = buildSearchArbitraries(await sampleCollection(baseURL as string));
  const samples = fc.sample(entriesArb, { numRuns: RUNS, seed: SEED });
  const outcomes = { results: 0, invalid: 0, tooLarge: 0, statuses: new Map<number, number>() };
  for (const entries of samples) {
    const qs = new URLSearchParams(entries).toString();
    const what = JSON.stringify(entries).slice(0, 300);
    const res = await request.get(`/?${qs}`);
    outcomes.statuses.set(res.status(), (outcomes.statuses.get(res.status()) ?? 0) + 1);
    expect(res.status(), what).toBeLessThan(500);
    if (res.status() === 431) {
      // Node itself refuses request heads over its 16 KB limit before any app code runs.
      expect(qs.length, `${what}: 431 for a short URL`).toBeGreaterThan(8_000);
      outcomes.tooLarge++;
      continue;
    }
    expect(res.headers()["content-security-policy"], what).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    const html = await res.text();
    expect(html, what).not.toContain("The search is not available just now");
    const results = html.includes('data-testid="result-count"');
    const invalid = html.includes("This search link is not valid");
    expect(results || invalid, `${what}: neither results nor a message`).toBe(true);
    if (invalid) {
      // The message names the parameter it could not read.
      expect(html, what).toMatch(/The parameter <code[^>]*>[^<]*<\/code> could not be read/);
      outcomes.invalid++;
    } else outcomes.results++;
  }
  const statuses = [...outcomes.statuses].map(([s, n]) => `${s}: ${n}`).join(", ");
  console.log(`[page-fuzz] ${samples.length} generated parameter sets (seed ${SEED}) against /: statuses {${statuses}}; ${outcomes.results} rendered results, ${outcomes.invalid} named the bad parameter, ${outcomes.tooLarge} URLs over Node's header limit refused with 431`);
  expect(outcomes.results).toBeGreaterThan(RUNS / 10);
  expect(outcomes.invalid).toBeGreaterThan(RUNS / 10);
});
