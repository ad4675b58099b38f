/**
 * The page search pages answer with (status 503) while the search engine is known to be down
 * (lib/search/availability.ts). Plain HTML with one nonced style element: it must render even
 * when nothing else of the app can.
 */
export function buildUnavailablePage(nonce: string, retryAfterS: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Search temporarily unavailable - 19th-century books</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937;line-height:1.5}h1{font-size:1.5rem;color:#111827}a{color:#1d4ed8}</style>
</head><body><main>
<h1>The search is temporarily unavailable</h1>
<p>The search engine behind this catalogue is not answering just now. Nothing is lost: the catalogue and its records are safe, and your search is kept in the address bar.</p>
<p>Reload this page in about ${retryAfterS} second${retryAfterS === 1 ? "" : "s"} to try again.</p>
<p><a href="/">Start a new search</a></p>
</main></body></html>
`;
}
