import { z } from "zod";
import { buildFacetTable, FACETS, type FacetDef } from "@/lib/facets/table";
import { MAX_PICKS } from "@/lib/open-facets/params";
import { DEFAULT_OPEN_FACET_OPTIONS, type OpenFacetOptions } from "@/lib/open-facets/rank";

/**
 * Promotion (issue 9): staff turn an open facet (its picks) into a public machine facet with a
 * name, a version and a model card. The facet then joins the facet table at run time (see
 * toPromotedFacetDef) and its generator (lib/facets/generators/open-facet.ts) is run by the
 * ordinary regeneration job, like genre.
 */

export const PROMOTED_VALUES = { yes: "yes", no: "no" } as const;
export const DEFAULT_THRESHOLD = 0.5;

export class PromotionError extends Error {
  override name = "PromotionError";
  constructor(
    /** The form field or state at fault ("slug", "label", "pos", "threshold", "state"). */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface PromotionInput {
  slug: string;
  label: string;
  pos: string[];
  neg: string[];
  threshold: number;
}

export interface ModelCard {
  facet: string;
  label: string;
  version: number;
  modelVersion: string;
  kind: "open-facet-logistic-regression";
  intendedUse: string;
  trainedFrom: { pos: Array<{ id: string; title: string | null }>; neg: Array<{ id: string; title: string | null }> };
  training: OpenFacetOptions;
  threshold: number;
  vectorVersion: string;
  vectors: Record<string, unknown>;
  promotedBy: string;
  promotedAt: string;
  limitations: string[];
}

export interface PromotedFacet extends PromotionInput {
  version: number;
  vectorVersion: string;
  promotedBy: string;
  promotedAt: string;
  retiredBy: string | null;
  retiredAt: string | null;
  card: ModelCard;
  cardMarkdown: string;
}

const idList = z.array(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "is not a record id")).max(MAX_PICKS, `at most ${MAX_PICKS} picks`);

export const promotionInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,29}$/, "must be 2-30 lower-case letters, digits or _ and start with a letter (it appears in URLs as f.<slug>)"),
  label: z.string().trim().min(2, "must be at least 2 characters").max(60, "must be at most 60 characters"),
  pos: idList.min(1, 'needs at least one "more like this" pick'),
  neg: idList,
  threshold: z.number({ error: "must be a number" }).gt(0, "must be above 0").lt(1, "must be below 1"),
});

/**
 * Checks a promotion request: the slug must be free (not a built-in facet, nor an active promoted
 * one; a retired slug may be promoted again as its next version) and the picks well formed.
 */
export function parsePromotionInput(input: unknown, active: readonly Pick<PromotedFacet, "slug">[]): PromotionInput {
  const parsed = promotionInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PromotionError(String(issue.path[0] ?? "input"), issue.message);
  }
  const { slug, label, threshold } = parsed.data;
  if ((FACETS as readonly FacetDef[]).some((f) => f.name === slug)) throw new PromotionError("slug", `"${slug}" is a built-in facet`);
  if (active.some((p) => p.slug === slug)) throw new PromotionError("slug", `"${slug}" is already a public facet (retire it first to promote a new version)`);
  const pos = [...new Set(parsed.data.pos)];
  const neg = [...new Set(parsed.data.neg)].filter((id) => !pos.includes(id));
  return { slug, label, pos, neg, threshold };
}

export function toGeneratorName(slug: string): string {
  return `open_${slug}`;
}

export function toModelVersion(p: Pick<PromotedFacet, "slug" | "version">, vectorVersion: string): string {
  return `${p.slug}-v${p.version}+vec-${vectorVersion}`;
}

export function toCardHref(slug: string): string {
  return `/about/model/open/${slug}`;
}

/** The facet-table row of a promoted facet: a machine facet like genre, values "yes"/"no". */
export function toPromotedFacetDef(p: Pick<PromotedFacet, "slug" | "label" | "threshold">): FacetDef {
  const field = toGeneratorName(p.slug);
  return {
    name: p.slug,
    label: `${p.label} (predicted)`,
    source: "machine",
    field,
    display: "list",
    limit: 2,
    searchable: false,
    order: "count",
    generator: field,
    confidenceField: `${field}_confidence`,
    modelField: `${field}_model`,
    cardHref: toCardHref(p.slug),
    valueLabels: { [PROMOTED_VALUES.yes]: p.label, [PROMOTED_VALUES.no]: `Not ${p.label.toLowerCase()}` },
    help: `Promoted by library staff from an open facet: a classifier trained on example books, "${PROMOTED_VALUES.yes}" at probability ${p.threshold} or more.`,
  };
}

/** The static table plus every active promoted facet, checked (a clash is an error naming the facet). */
export function buildLiveFacetTable(active: readonly Pick<PromotedFacet, "slug" | "label" | "threshold">[]): readonly FacetDef[] {
  return buildFacetTable(active.map(toPromotedFacetDef));
}

export const LIMITATIONS = [
  "Trained from a handful of example books chosen by one person, plus random books as background: it learns what those examples share, which may not be what the label says.",
  "Book vectors come from the title and catalogue fields only (no full text), so books with short or uninformative titles are scored poorly.",
  "Probabilities are not calibrated against human labels; the threshold was chosen by the person who promoted it.",
  "Not evaluated against a labelled sample: treat it as a suggestion, not a classification.",
];

export interface CardContext {
  version: number;
  vectorVersion: string;
  vectors: Record<string, unknown>;
  promotedBy: string;
  promotedAt: string;
  titleOf: (id: string) => string | null;
  training?: OpenFacetOptions;
}

export function buildModelCard(input: PromotionInput, ctx: CardContext): ModelCard {
  return {
    facet: input.slug,
    label: input.label,
    version: ctx.version,
    modelVersion: toModelVersion({ slug: input.slug, version: ctx.version }, ctx.vectorVersion),
    kind: "open-facet-logistic-regression",
    intendedUse: `A public facet "${input.label}" on the search page: narrowing 19th-century books to those resembling the example picks. Not for cataloguing decisions.`,
    trainedFrom: { pos: input.pos.map((id) => ({ id, title: ctx.titleOf(id) })), neg: input.neg.map((id) => ({ id, title: ctx.titleOf(id) })) },
    training: ctx.training ?? DEFAULT_OPEN_FACET_OPTIONS,
    threshold: input.threshold,
    vectorVersion: ctx.vectorVersion,
    vectors: ctx.vectors,
    promotedBy: ctx.promotedBy,
    promotedAt: ctx.promotedAt,
    limitations: LIMITATIONS,
  };
}

export function toModelCardMarkdown(card: ModelCard): string {
  const picks = (list: ModelCard["trainedFrom"]["pos"]) => (list.length ? list.map((p) => `- ${p.id}: ${p.title ?? "(not in the store)"}`).join("\n") : "- none");
  return [
    `# Model card: ${card.label} (${card.facet}, version ${card.version})`,
    "",
    `Model version \`${card.modelVersion}\`. Promoted by ${card.promotedBy} on ${card.promotedAt}.`,
    "",
    "## Intended use",
    "",
    card.intendedUse,
    "",
    "## Model",
    "",
    `Weighted L2-regularised logistic regression over the book vectors (version \`${card.vectorVersion}\`), trained on the picks below plus ${card.training.randomNegatives} seeded random books (seed ${card.training.seed}) as background negatives; explicit "not this" picks weigh ${card.training.explicitNegativeWeight}x. A book is "yes" when its probability is at least ${card.threshold}.`,
    "",
    `## Trained from ${card.trainedFrom.pos.length} "more like this" and ${card.trainedFrom.neg.length} "not this" picks`,
    "",
    "More like this:",
    "",
    picks(card.trainedFrom.pos),
    "",
    "Not this:",
    "",
    picks(card.trainedFrom.neg),
    "",
    "## Limitations",
    "",
    ...card.limitations.map((l) => `- ${l}`),
    "",
  ].join("\n");
}
