import Link from "next/link";
import { getFacetTable } from "@/lib/facets/live-table";
import { PROMOTED_VALUES } from "@/lib/promotion/promotion";
import type { HighlightPart, SearchHit } from "@/lib/search/types";
import { MachineBadge, PredictedTag, formatConfidence } from "@/components/machine/machine-badge";
import { HighlightedText } from "./highlighted-text";

export interface PickLinks {
  /** The search with this book added as "more like this" / "not this". */
  moreHref: string;
  notHref: string;
  /** The open facet's probability for this book, when the results are ranked or filtered by picks. */
  score?: number | undefined;
}

export function ResultCard({ hit, recordHref, picks }: { hit: SearchHit; recordHref: string; picks?: PickLinks }) {
  const { doc, highlight } = hit;
  const date = doc.date_raw ?? (doc.year !== null ? String(doc.year) : null);
  const languages = doc.language.join(", ");
  const names = toDisplayNames(doc.names);
  return (
    <li className="rounded-lg border border-gray-200 p-4 shadow-xs" data-id={doc.id}>
      <h3 className="text-base font-semibold leading-snug">
        <Link href={recordHref} className="text-accent underline decoration-1 hover:text-accent-strong">
          <HighlightedText parts={highlight.title} fallback={doc.title} />
        </Link>
      </h3>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        {names.length > 0 ? (
          <Row label="Names">
            <HighlightedText parts={toRehighlighted(names.join("; "), highlight.names)} fallback={names.join("; ")} />
          </Row>
        ) : null}
        {date ? <Row label="Date">{date}</Row> : null}
        {doc.places.length > 0 ? (
          <Row label="Place">
            <HighlightedText parts={highlight.places} fallback={doc.places.join("; ")} />
          </Row>
        ) : null}
        {doc.publisher ? (
          <Row label="Publisher">
            <HighlightedText parts={highlight.publisher} fallback={doc.publisher} />
          </Row>
        ) : null}
        {languages ? (
          <Row label="Language">
            {languages}{" "}
            {doc.language_source === "predicted" ? <PredictedTag confidence={doc.language_confidence} /> : null}
          </Row>
        ) : null}
        {doc.catalogue_genre ? <Row label="Genre (catalogue)">{doc.catalogue_genre}</Row> : null}
      </dl>
      {doc.genre ? (
        <div className="mt-3 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-machine-soft px-3 py-2 text-sm">
          <span>
            <span className="font-medium">Predicted genre:</span> {doc.genre}
          </span>{" "}
          {doc.genre_confidence !== null ? (
            <span className="text-gray-700">confidence {formatConfidence(doc.genre_confidence)}</span>
          ) : null}{" "}
          {doc.genre_model ? <span className="text-gray-700">model {doc.genre_model}</span> : null}{" "}
          <MachineBadge />
        </div>
      ) : null}
      {getFacetTable()
        .filter((f) => f.cardHref && f.confidenceField && f.valueLabels && doc[f.field] === PROMOTED_VALUES.yes)
        .map((f) => {
          const confidence = doc[f.confidenceField!];
          const model = f.modelField ? doc[f.modelField] : null;
          return (
            <div key={f.name} className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-machine-soft px-3 py-2 text-sm" data-testid={`predicted-${f.name}`}>
              <span>
                <span className="font-medium">{f.valueLabels![PROMOTED_VALUES.yes]}</span> (predicted)
              </span>{" "}
              {typeof confidence === "number" ? <span className="text-gray-700">confidence {formatConfidence(confidence)}</span> : null}{" "}
              {typeof model === "string" ? <span className="text-gray-700">model {model}</span> : null} <MachineBadge href={f.cardHref!} />
            </div>
          );
        })}
      <p className="mt-2 flex flex-wrap items-baseline gap-x-4 text-sm">
        <Link href={picks?.moreHref ?? `/open-facet?pos=${encodeURIComponent(doc.id)}`} className="text-accent underline" rel="nofollow">
          More like this<span className="sr-only"> ({doc.title})</span>
        </Link>
        {picks ? (
          <Link href={picks.notHref} className="text-accent underline" rel="nofollow">
            Not this<span className="sr-only"> ({doc.title})</span>
          </Link>
        ) : null}
        {picks?.score !== undefined ? (
          <span className="text-gray-700" data-testid="open-facet-score">
            open facet score {formatConfidence(picks.score)}
          </span>
        ) : null}
      </p>
    </li>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** "Ashworth, Margaret" and "Ashworth, Margaret, 1821-1890 [person]" are one person: keep the fuller form. */
export function toDisplayNames(names: readonly string[]): string[] {
  return names.filter((name, i) => !names.some((other, j) => j !== i && other.length > name.length && other.startsWith(name)));
}

/**
 * Marks in `text` the words the engine marked in `parts` (a highlight of a differently joined
 * string, e.g. before duplicate names were dropped).
 */
export function toRehighlighted(text: string, parts: HighlightPart[] | undefined): HighlightPart[] | undefined {
  const words = new Set((parts ?? []).filter((p) => p.match && p.text.trim() !== "").map((p) => p.text.toLocaleLowerCase()));
  if (words.size === 0) return undefined;
  const escaped = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(${escaped.join("|")})`, "giu");
  return text
    .split(pattern)
    .filter((t) => t !== "")
    .map((t) => ({ text: t, match: words.has(t.toLocaleLowerCase()) }));
}
