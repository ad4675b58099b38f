import type { HighlightPart } from "@/lib/search/types";

/** Renders engine highlight parts as React text and <mark> elements: never as raw HTML. */
export function HighlightedText({ parts, fallback }: { parts: HighlightPart[] | undefined; fallback: string }) {
  if (!parts || parts.length === 0) return <>{fallback}</>;
  return (
    <>
      {parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}
