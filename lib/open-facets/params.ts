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
