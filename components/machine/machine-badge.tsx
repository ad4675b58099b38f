import Link from "next/link";

export const MODEL_CARD_HREF = "/about/model/card";

/** The mark every machine-generated value carries; it links to the model card that explains it. */
export function MachineBadge({ label = "machine-generated", href = MODEL_CARD_HREF }: { label?: string; href?: string }) {
  return (
    <Link
      href={href}
      className="inline-flex items-center gap-1 rounded-full border border-machine/40 bg-machine-soft px-2 py-0.5 text-xs font-medium text-machine no-underline hover:underline"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3 w-3 fill-current">
        <path d="M6 1h4v2h2a1 1 0 0 1 1 1v2h2v4h-2v2a1 1 0 0 1-1 1h-2v2H6v-2H4a1 1 0 0 1-1-1v-2H1V6h2V4a1 1 0 0 1 1-1h2V1zm-1 4v6h6V5H5z" />
      </svg>
      {label}
      <span className="sr-only"> (about the model)</span>
    </Link>
  );
}

export function formatConfidence(confidence: number): string {
  // Two decimals read as a probability; 0.995 and above would round to 1.00, which overclaims.
  if (confidence >= 0.995 && confidence < 1) return "> 0.99";
  return confidence.toFixed(2);
}

/** "Predicted" marker for a value that came from a model rather than the catalogue. */
export function PredictedTag({ confidence }: { confidence?: number | null }) {
  return (
    <span className="ml-1 inline-flex items-center rounded border border-machine/40 bg-machine-soft px-1.5 text-xs font-medium text-machine">
      predicted
      {confidence != null ? <span className="ml-1 font-normal"> (confidence {formatConfidence(confidence)})</span> : null}
    </span>
  );
}
