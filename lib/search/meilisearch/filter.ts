import { getFacetTable } from "@/lib/facets/live-table";
import { type FacetDef, isMachineFacet, UNCERTAIN } from "@/lib/facets/table";
import { confidenceFilterField, filterableAttributes } from "@/lib/search/meilisearch/settings";
import { SearchParamsError } from "@/lib/search/params";
import type { SearchQuery } from "@/lib/search/types";

/**
 * Meilisearch filter expressions, built only from allow-listed attributes, with every user value
 * quoted and escaped, so no value can change the expression's structure.
 */

const ALLOWED = new Set(filterableAttributes());

/** A clause that is always false (for "uncertain" without a threshold, which matches nothing). */
const NEVER = "(year < 0 AND year > 0)";

export class FilterBuildError extends Error {
  override name = "FilterBuildError";
}

export function attribute(name: string): string {
  if (!ALLOWED.has(name) || !/^[a-z_]+$/.test(name)) throw new FilterBuildError(`attribute "${name}" is not filterable`);
  return name;
}

/** A double-quoted filter string: backslashes and quotes escaped, nothing else can break out. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function num(n: number): string {
  if (!Number.isFinite(n)) throw new FilterBuildError(`not a finite number: ${n}`);
  return String(n);
}

function facetDef(name: string): FacetDef {
  const def = getFacetTable().find((f) => f.name === name);
  if (!def) throw new SearchParamsError(`f.${name}`, `unknown facet "${name}"`);
  return def;
}

/** One facet's selection: its values ORed; on machine facets with a threshold, values need conf >= t. */
export function facetClause(name: string, values: readonly string[], minConfidence: number | null): string | null {
  if (values.length === 0) return null;
  const def = facetDef(name);
  const field = attribute(def.field);
  const machine = isMachineFacet(def);
  const conf = machine ? attribute(confidenceFilterField(def)) : null;
  const parts = values.map((v) => {
    if (machine && v === UNCERTAIN) return minConfidence === null ? NEVER : `${conf} < ${num(minConfidence)}`;
    const eq = `${field} = ${quote(v)}`;
    return machine && minConfidence !== null ? `(${eq} AND ${conf} >= ${num(minConfidence)})` : eq;
  });
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" OR ")})`;
}

export function yearClauses(query: Pick<SearchQuery, "yearFrom" | "yearTo">): string[] {
  const out: string[] = [];
  if (query.yearFrom !== null) out.push(`${attribute("year")} >= ${num(query.yearFrom)}`);
  if (query.yearTo !== null) out.push(`${attribute("year")} <= ${num(query.yearTo)}`);
  return out;
}

/** Records with no value for a facet. */
export function missingClause(name: string): string {
  const field = attribute(facetDef(name).field);
  return `(${field} NOT EXISTS OR ${field} IS NULL OR ${field} IS EMPTY)`;
}

/**
 * The query's whole filter ANDed, optionally without one facet's own selection (for that facet's
 * disjunctive counts), plus extra clauses the caller built with this module.
 */
export function buildFilter(query: SearchQuery, options: { exclude?: string; extra?: readonly string[] } = {}): string | undefined {
  const clauses = [...yearClauses(query)];
  for (const def of getFacetTable()) {
    if (def.name === options.exclude) continue;
    const c = facetClause(def.name, query.filters[def.name] ?? [], query.minConfidence);
    if (c) clauses.push(c);
  }
  for (const name of Object.keys(query.filters)) facetDef(name);
  clauses.push(...(options.extra ?? []));
  return clauses.length === 0 ? undefined : clauses.join(" AND ");
}

/** On a machine facet with a threshold: the confident values, and the "uncertain" records. */
export function confidentClause(name: string, minConfidence: number): string {
  return `${attribute(confidenceFilterField(facetDef(name)))} >= ${num(minConfidence)}`;
}

export function uncertainClause(name: string, minConfidence: number): string {
  return `${attribute(confidenceFilterField(facetDef(name)))} < ${num(minConfidence)}`;
}
