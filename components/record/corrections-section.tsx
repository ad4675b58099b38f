import type { HumanLabel } from "@/lib/store/review";
import { GENRE_VALUES } from "@/lib/review/flag-input";
import type { GeneratorHistory } from "./prediction-history";

const GENERATOR_LABELS: Record<string, string> = { genre: "Genre", language: "Language of the title" };
const FLAGGABLE = new Set(["genre", "language"]);

function day(iso: string): string {
  return iso.slice(0, 10);
}

export interface CorrectionsSectionProps {
  recordId: string;
  catalogueGenre: string | null;
  humanLabels: HumanLabel[];
  histories: GeneratorHistory[];
  openFlags: number;
  /** `?flag=sent` after a form post. */
  justFlagged: boolean;
}

/**
 * The book's label history (catalogue, human labels, every model version's prediction) and a small
 * form to say a prediction is wrong. A flag goes to staff review; it changes nothing public by itself.
 */
export function CorrectionsSection({ recordId, catalogueGenre, humanLabels, histories, openFlags, justFlagged }: CorrectionsSectionProps) {
  const genreHistory = histories.find((h) => h.generator === "genre");
  return (
    <section id="corrections" aria-labelledby="corrections-heading" className="space-y-4">
      <h2 id="corrections-heading" className="text-lg font-semibold text-gray-900">
        Label history and corrections
      </h2>
      {justFlagged ? (
        <p role="status" className="rounded-md border border-green-700/30 bg-green-50 p-3 text-sm text-green-900" data-testid="flag-sent">
          Thank you: your correction was sent to library staff for review. It does not change the record until they accept it.
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="min-w-full text-left text-sm" data-testid="label-history">
          <caption className="mb-1 text-left text-sm text-gray-700">Who said what about this book&apos;s genre, oldest source first.</caption>
          <thead className="border-b border-gray-300 text-gray-700">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">Source</th>
              <th scope="col" className="py-1 pr-4 font-medium">Value</th>
              <th scope="col" className="py-1 pr-4 font-medium">When</th>
              <th scope="col" className="py-1 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            <tr className="border-b border-gray-200">
              <td className="py-1 pr-4">Catalogue</td>
              <td className="py-1 pr-4">{catalogueGenre ?? <span className="text-gray-600">not catalogued</span>}</td>
              <td className="py-1 pr-4">-</td>
              <td className="py-1">British Library catalogue record</td>
            </tr>
            {humanLabels.map((l) => (
              <tr key={`h${l.id}`} className="border-b border-gray-200" data-testid="human-label">
                <td className="py-1 pr-4">Human label ({GENERATOR_LABELS[l.generator] ?? l.generator})</td>
                <td className="py-1 pr-4 font-medium">{l.label}</td>
                <td className="py-1 pr-4 whitespace-nowrap">{day(l.createdAt)}</td>
                <td className="py-1">{l.source === "public-flag" ? "a visitor's correction, accepted by library staff" : "labelled by library staff"}</td>
              </tr>
            ))}
            {(genreHistory?.versions ?? []).map((v) => (
              <tr key={`p${v.version}`} className="border-b border-gray-200 last:border-0">
                <td className="py-1 pr-4">Model prediction</td>
                <td className="py-1 pr-4">{v.value}</td>
                <td className="py-1 pr-4 whitespace-nowrap">{day(v.createdAt)}</td>
                <td className="break-all py-1">
                  version {v.version}
                  {v.live ? " (live)" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {openFlags > 0 ? <p className="text-sm text-gray-700">{openFlags === 1 ? "One correction is" : `${openFlags} corrections are`} waiting for staff review.</p> : null}
      {histories
        .filter((h) => FLAGGABLE.has(h.generator) && h.current)
        .map((h) => {
          const label = GENERATOR_LABELS[h.generator] ?? h.generator;
          const fieldId = `flag-${h.generator}`;
          return (
            <details key={h.generator} id={fieldId} className="rounded-md border border-gray-300 p-3">
              <summary className="cursor-pointer font-medium text-accent">
                Is this prediction wrong? ({label}: {h.current!.value})
              </summary>
              <form method="post" action="/api/flags" className="mt-3 space-y-3" data-testid={`flag-form-${h.generator}`}>
                <input type="hidden" name="record_id" value={recordId} />
                <input type="hidden" name="generator" value={h.generator} />
                <div>
                  <label htmlFor={`${fieldId}-suggested`} className="block text-sm font-medium text-gray-800">
                    The right {label.toLowerCase()} is
                  </label>
                  {h.generator === "genre" ? (
                    <select id={`${fieldId}-suggested`} name="suggested" required className="mt-1 rounded-md border border-gray-400 px-2 py-1" defaultValue={GENRE_VALUES.find((v) => v !== h.current!.value)}>
                      {GENRE_VALUES.map((v) => (
                        <option key={v} value={v}>
                          {v}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input id={`${fieldId}-suggested`} name="suggested" required maxLength={60} className="mt-1 rounded-md border border-gray-400 px-2 py-1" placeholder="e.g. French" />
                  )}
                </div>
                <div>
                  <label htmlFor={`${fieldId}-comment`} className="block text-sm font-medium text-gray-800">
                    Comment <span className="font-normal text-gray-600">(optional, at most 500 characters)</span>
                  </label>
                  <textarea id={`${fieldId}-comment`} name="comment" maxLength={500} rows={2} className="mt-1 w-full rounded-md border border-gray-400 px-2 py-1" />
                </div>
                <p className="text-xs text-gray-700">Your correction is reviewed by library staff before it is used. We keep a one-way hash of your network address to limit abuse.</p>
                <button type="submit" className="rounded-md bg-accent px-3 py-1.5 font-semibold text-white hover:bg-accent-strong">
                  Send correction
                </button>
              </form>
            </details>
          );
        })}
    </section>
  );
}
