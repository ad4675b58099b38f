import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getStore } from "@/lib/store/server";

/**
 * Answers unknown ids with a real HTTP 404: the check runs here, above the page's Suspense
 * boundary, so it finishes before any part of the page is streamed with a 200 status.
 */
export default async function RecordLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  const store = await getStore();
  if (!store.getRecord(id)) notFound();
  return children;
}
