import { describe, expect, it } from "vitest";
import { parseRoleMap, roleAllows, roleFromClaims, RoleMapError } from "./roles";

describe("OIDC role mapping", () => {
  const map = parseRoleMap("library-staff:staff, library-admins:admin, urn:org:it:admin");

  it("parses group:role pairs, including groups containing colons", () => {
    expect([...map.entries()]).toEqual([
      ["library-staff", "staff"],
      ["library-admins", "admin"],
      ["urn:org:it", "admin"],
    ]);
  });

  it("gives the highest mapped role among the user's groups", () => {
    expect(roleFromClaims({ groups: ["readers", "library-staff"] }, "groups", map)).toBe("staff");
    expect(roleFromClaims({ groups: ["library-staff", "library-admins"] }, "groups", map)).toBe("admin");
    expect(roleFromClaims({ roles: "readers library-admins" }, "roles", map)).toBe("admin");
    expect(roleFromClaims({ realm_access: { roles: ["urn:org:it"] } }, "realm_access.roles", map)).toBe("admin");
  });

  it("gives no role without a matching group, a claim or a mapping", () => {
    expect(roleFromClaims({ groups: ["readers"] }, "groups", map)).toBe("none");
    expect(roleFromClaims({}, "groups", map)).toBe("none");
    expect(roleFromClaims({ groups: 42 }, "groups", map)).toBe("none");
    expect(roleFromClaims({ groups: ["library-admins"] }, "groups", parseRoleMap(undefined))).toBe("none");
    expect(roleFromClaims({ groups: ["library-admins"] }, "groups", parseRoleMap(""))).toBe("none");
  });

  it("refuses bad mappings, naming the entry", () => {
    expect(() => parseRoleMap("staffonly")).toThrow(RoleMapError);
    expect(() => parseRoleMap("a:staff,b:root")).toThrow('entry 2 ("b:root"): role must be staff or admin');
    expect(() => parseRoleMap("a:none")).toThrow("role must be staff or admin");
  });

  it("keeps the highest role when a group is listed twice", () => {
    expect(parseRoleMap("g:admin,g:staff").get("g")).toBe("admin");
  });

  it("orders roles", () => {
    expect(roleAllows("admin", "staff")).toBe(true);
    expect(roleAllows("staff", "staff")).toBe(true);
    expect(roleAllows("staff", "admin")).toBe(false);
    expect(roleAllows("none", "staff")).toBe(false);
    expect(roleAllows(undefined, "staff")).toBe(false);
    expect(roleAllows("superuser", "staff")).toBe(false);
  });
});
