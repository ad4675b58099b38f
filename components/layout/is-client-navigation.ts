import "server-only";
import { headers } from "next/headers";

/**
 * True when the request is the App Router fetching a page for a client-side navigation (it sends
 * the `RSC` header), false for a full document load.
 *
 * Why it matters: content behind a Suspense boundary (or a route's loading.tsx) is streamed after
 * the fallback and moved into place by an inline script. Without JavaScript it never moves, so a
 * visitor without JavaScript would see the skeleton forever. Pages therefore render in one piece
 * for document loads (complete HTML, correct status) and show their skeleton only when the router
 * navigates, where JavaScript is running by definition.
 */
export async function isClientNavigation(): Promise<boolean> {
  const h = await headers();
  return h.get("rsc") === "1";
}
