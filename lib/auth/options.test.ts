import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env";
import { buildAuthOptions, buildOidcProvider, isOidcEnabled } from "./options";
import { RoleMapError } from "./roles";

const base = { NEXTAUTH_SECRET: "a-secret-of-sufficient-length" };
const oidcEnv = {
  ...base,
  OIDC_ISSUER: "https://login.example.org/realms/library",
  OIDC_CLIENT_ID: "portal",
  OIDC_CLIENT_SECRET: "s3cret",
  OIDC_ROLE_CLAIM: "groups",
  OIDC_ROLE_MAP: "catalogue-staff:staff,digital-admins:admin",
};

describe("single sign-on configuration", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    expect(isOidcEnabled(parseServerEnv(base))).toBe(false);
    expect(isOidcEnabled(parseServerEnv({ ...oidcEnv, OIDC_CLIENT_SECRET: "" }))).toBe(false);
    expect(buildOidcProvider(parseServerEnv(base))).toBeNull();
    expect(buildAuthOptions(() => {
      throw new Error("not used");
    }, parseServerEnv(base)).providers.map((p) => p.id)).toEqual(["credentials"]);
  });

  it("maps the provider's groups to a role, and gives none without a mapped group", () => {
    const env = parseServerEnv(oidcEnv);
    const provider = buildOidcProvider(env)!;
    expect(provider.wellKnown).toBe("https://login.example.org/realms/library/.well-known/openid-configuration");
    expect(provider.checks).toEqual(["pkce", "state"]);
    const profile = (p: Record<string, unknown>) => provider.profile({ sub: "u1", ...p } as never, {} as never) as { role: string; email: string };
    expect(profile({ email: "a@example.org", groups: ["catalogue-staff"] }).role).toBe("staff");
    expect(profile({ email: "b@example.org", groups: ["catalogue-staff", "digital-admins"] }).role).toBe("admin");
    expect(profile({ email: "c@example.org", groups: ["readers"] }).role).toBe("none");
    expect(profile({ email: "d@example.org" }).role).toBe("none");
    expect(buildAuthOptions(() => {
      throw new Error("not used");
    }, env).providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
  });

  it("with no role map, every single-sign-on user has no role", () => {
    const provider = buildOidcProvider(parseServerEnv({ ...oidcEnv, OIDC_ROLE_MAP: "" }))!;
    expect((provider.profile({ sub: "u1", email: "a@example.org", groups: ["digital-admins"] } as never, {} as never) as { role: string }).role).toBe("none");
  });

  it("fails at start on a malformed role map", () => {
    expect(() => buildOidcProvider(parseServerEnv({ ...oidcEnv, OIDC_ROLE_MAP: "digital-admins:superuser" }))).toThrow(RoleMapError);
  });

  it("only redirects to this site after sign-in", async () => {
    const redirect = buildAuthOptions(() => {
      throw new Error("not used");
    }, parseServerEnv(base)).callbacks!.redirect!;
    const baseUrl = "https://portal.example.org";
    expect(await redirect({ url: "/admin", baseUrl })).toBe("https://portal.example.org/admin");
    expect(await redirect({ url: "//evil.example/admin", baseUrl })).toBe(baseUrl);
    expect(await redirect({ url: "https://evil.example/", baseUrl })).toBe(baseUrl);
    expect(await redirect({ url: "https://portal.example.org/admin/staff", baseUrl })).toBe("https://portal.example.org/admin/staff");
  });
});
