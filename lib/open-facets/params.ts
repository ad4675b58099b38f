import { z } from "zod";

/**
 * Open-facet picks in the URL, so a facet is a shareable link: `pos=<id>` ("more like this") and
 * `neg=<id>` ("not this"), each repeatable or comma-separated.
 */
export const MAX_PICKS = 200;
const idSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "is not a record id (letters, digits, _ . : - ; at most 64)");

export interface OpenFacetPicks {
  pos: string[];
  neg: string[];
}

export class OpenFacetParamsError extends Error {
  override name = "OpenFacetParamsError";
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
  }
}

function toIds(param: string, raw: string | string[] | undefined): string[] {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  for (const v of values) {
    const r = idSchema.safeParse(v);
    if (!r.success) throw new OpenFacetParamsError(param, `"${v.slice(0, 70)}" ${r.error.issues[0]?.message ?? "is not valid"}`);
  }
  return [...new Set(values)];
}

export function parseOpenFacetPicks(params: Record<string, string | string[] | undefined>): OpenFacetPicks {
  const pos = toIds("pos", params.pos);
  const neg = toIds("neg", params.neg).filter((id) => !pos.includes(id));
  if (pos.length + neg.length > MAX_PICKS) throw new OpenFacetParamsError("pos", `at most ${MAX_PICKS} picks in all (got ${pos.length + neg.length})`);
  return { pos, neg };
}

/** The picks as URL parameters, in a stable order so a shared link reads the same. */
export function toPickParams(picks: OpenFacetPicks): URLSearchParams {
  const out = new URLSearchParams();
  if (picks.pos.length) out.set("pos", picks.pos.join(","));
  if (picks.neg.length) out.set("neg", picks.neg.join(","));
  return out;
}

/** A saved open facet in the URL: `of=<name>:<id>,<id>,-<id>` ("-" marks "not this"); several AND together. */
export interface NamedOpenFacet extends OpenFacetPicks {
  name: string;
}

const nameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be 1-40 lower-case letters, digits or hyphens");
export const MAX_NAMED_FACETS = 5;

export function parseNamedOpenFacets(raw: string | string[] | undefined): NamedOpenFacet[] {
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  if (values.length > MAX_NAMED_FACETS) throw new OpenFacetParamsError("of", `at most ${MAX_NAMED_FACETS} saved facets (got ${values.length})`);
  const seen = new Set<string>();
  return values.map((v) => {
    const colon = v.indexOf(":");
    if (colon < 0) throw new OpenFacetParamsError("of", `"${v.slice(0, 70)}" is not <name>:<ids>`);
    const name = v.slice(0, colon);
    const named = nameSchema.safeParse(name);
    if (!named.success) throw new OpenFacetParamsError("of", `name "${name.slice(0, 40)}" ${named.error.issues[0]?.message ?? "is not valid"}`);
    if (seen.has(name)) throw new OpenFacetParamsError("of", `facet "${name}" appears twice`);
    seen.add(name);
    const parts = v.slice(colon + 1).split(",").map((s) => s.trim()).filter((s) => s !== "");
    const picks = parseOpenFacetPicks({ pos: parts.filter((p) => !p.startsWith("-")), neg: parts.filter((p) => p.startsWith("-")).map((p) => p.slice(1)) });
    if (picks.pos.length === 0) throw new OpenFacetParamsError("of", `facet "${name}" has no "more like this" pick`);
    return { name, ...picks };
  });
}

export function toNamedOpenFacetParam(facet: NamedOpenFacet): string {
  return `${facet.name}:${[...facet.pos, ...facet.neg.map((id) => `-${id}`)].join(",")}`;
}
