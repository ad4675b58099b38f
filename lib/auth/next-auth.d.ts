import type { Role } from "./roles";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { email: string; name?: string | null; role: Role; provider: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    provider?: string;
  }
}
