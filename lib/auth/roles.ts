/**
 * Roles. `staff` may view the admin pages and regenerate facets; `admin` may also manage
 * accounts and roll back. `none` is an account that can sign in but is refused everywhere
 * (a suspended account, or a single-sign-on user the role map does not cover).
 */
export const ROLES = ["none", "staff", "admin"] as const;
export type Role = (typeof ROLES)[number];
export type GrantedRole = Exclude<Role, "none">;

const RANK: Record<Role, number> = { none: 0, staff: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Does `role` include the rights of `needed`? Unknown or missing roles have none. */
export function roleAllows(role: unknown, needed: GrantedRole): boolean {
  return isRole(role) && RANK[role] >= RANK[needed];
}

export class RoleMapError extends Error {
  override name = "RoleMapError";
}

/**
 * Parse `OIDC_ROLE_MAP`, e.g. "library-staff:staff, library-admins:admin".
 * Group names may contain colons (URNs): the role is what follows the last colon.
 */
export function parseRoleMap(text: string | undefined): Map<string, GrantedRole> {
  const map = new Map<string, GrantedRole>();
  if (!text || !text.trim()) return map;
  for (const [i, raw] of text.split(",").entries()) {
    const entry = raw.trim();
    if (!entry) continue;
    const cut = entry.lastIndexOf(":");
    if (cut <= 0) throw new RoleMapError(`OIDC_ROLE_MAP entry ${i + 1} ("${entry}") must look like group:role`);
    const group = entry.slice(0, cut).trim();
    const role = entry.slice(cut + 1).trim();
    if (role !== "staff" && role !== "admin") throw new RoleMapError(`OIDC_ROLE_MAP entry ${i + 1} ("${entry}"): role must be staff or admin, got "${role}"`);
    const existing = map.get(group);
    // A group listed twice keeps its highest role rather than depending on order.
    if (!existing || RANK[role] > RANK[existing]) map.set(group, role);
  }
  return map;
}

/**
 * The role of a single-sign-on user: the highest role any of their groups maps to, or "none".
 * The claim may be a string, a space/comma separated string or an array of strings.
 */
export function roleFromClaims(claims: Record<string, unknown>, claimName: string, map: Map<string, GrantedRole>): Role {
  const raw = claimName.split(".").reduce<unknown>((obj, key) => (obj && typeof obj === "object" ? (obj as Record<string, unknown>)[key] : undefined), claims);
  const groups = Array.isArray(raw)
    ? raw.filter((g): g is string => typeof g === "string")
    : typeof raw === "string"
      ? raw.split(/[\s,]+/).filter(Boolean)
      : [];
  let best: Role = "none";
  for (const group of groups) {
    const role = map.get(group);
    if (role && RANK[role] > RANK[best]) best = role;
  }
  return best;
}
