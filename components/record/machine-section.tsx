import Link from "next/link";
import { MachineBadge, MODEL_CARD_HREF, formatConfidence } from "@/components/machine/machine-badge";
import type { GeneratorHistory } from "./prediction-history";

const GENERATOR_LABELS: Record<string, string> = { genre: "Genre", language: "Language of the title" };

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export interface MachineSectionProps {
  histories: GeneratorHistory[];
  /** Catalogue values the predictions sit next to (catalogue values always win in search). */
  catalogueGenre: string | null;
  catalogueLanguages: string[];
}

/**
 * Everything a model said about the book, kept apart from the catalogue: value, confidence, model
 * version and date, and every version's prediction so a reader can see when it changed.
 */
export function MachineSection({ histories, catalogueGenre, catalogueLanguages }: MachineSectionProps) {
  return (
    <section aria-labelledby="machine-heading" className="rounded-lg border border-machine/30 bg-machine-soft/60 p-4 sm:p-5">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="machine-heading" className="text-lg font-semibold text-gray-900">
          Machine-generated metadata
        </h2>
        <MachineBadge />
      </div>
      <p className="mt-1 max-w-prose text-sm text-gray-700">
        These values were predicted by models, not catalogued by the library. Confidence is the model&apos;s
        calibrated probability that the value is right. <Link href={MODEL_CARD_HREF} className="text-accent underline">Read the model card</Link>.
      </p>
      {histories.length === 0 ? (
        <p className="mt-3 text-sm text-gray-700">No predictions have been made for this book yet.</p>
      ) : (
        <div className="mt-4 space-y-5">
          {histories.map((h) => {
            const label = GENERATOR_LABELS[h.generator] ?? h.generator;
            const catalogue = h.generator === "genre" ? catalogueGenre : h.generator === "language" ? catalogueLanguages.join(", ") || null : null;
            return (
              <div key={h.generator}>
                <h3 className="font-semibold text-gray-900">{label} (predicted)</h3>
                {h.current ? (
                  <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                    <dt className="text-gray-600">Value</dt>
                    <dd className="font-medium" data-testid={`predicted-${h.generator}`}>
                      {h.current.value}
                    </dd>
                    <dt className="text-gray-600">Confidence</dt>
                    <dd>{formatConfidence(h.current.confidence)}</dd>
                    <dt className="text-gray-600">Model version</dt>
                    <dd className="break-all">{h.current.version}</dd>
                    <dt className="text-gray-600">Predicted on</dt>
                    <dd>{formatDate(h.current.createdAt)}</dd>
                    {catalogue ? (
                      <>
                        <dt className="text-gray-600">Catalogue value</dt>
                        <dd>
                          {catalogue}
                          {h.generator === "language" ? <span className="text-gray-600"> (the catalogue value is the one used in search)</span> : null}
                        </dd>
                      </>
                    ) : null}
                  </dl>
                ) : (
                  <p className="mt-1 text-sm text-gray-700">The live model version has no prediction for this book.</p>
                )}
                {h.versions.length > 1 ? (
                  // Focusable so keyboard users can scroll the table sideways on narrow screens.
                  <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={`${label}: prediction history`}>
                    <table className="min-w-full text-left text-sm">
                      <caption className="mb-1 text-left text-sm font-medium text-gray-800">{label}: every model version&apos;s prediction</caption>
                      <thead className="border-b border-gray-300 text-gray-700">
                        <tr>
                          <th scope="col" className="py-1 pr-4 font-medium">Version</th>
                          <th scope="col" className="py-1 pr-4 font-medium">Date</th>
                          <th scope="col" className="py-1 pr-4 font-medium">Value</th>
                          <th scope="col" className="py-1 pr-4 font-medium">Confidence</th>
                          <th scope="col" className="py-1 font-medium">Status</th>
                        </tr>
                      </thead>
                      <tbody>
                        {h.versions.map((v) => (
                          <tr key={v.version} className="border-b border-gray-200 last:border-0">
                            <td className="whitespace-nowrap py-1 pr-4">{v.version}</td>
                            <td className="whitespace-nowrap py-1 pr-4">{formatDate(v.createdAt)}</td>
                            <td className="whitespace-nowrap py-1 pr-4">{v.value}</td>
                            <td className="py-1 pr-4 tabular-nums">{formatConfidence(v.confidence)}</td>
                            <td className="whitespace-nowrap py-1 text-gray-700">
                              {[v.live ? "live" : null, v.changed ? "changed" : null].filter(Boolean).join(", ") || "-"}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <p className="mt-1 text-xs text-gray-600">
                      “live” is the version search uses now; “changed” means the value differs from the version before it.
                    </p>
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
}
