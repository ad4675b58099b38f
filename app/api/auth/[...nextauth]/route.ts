import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/guards";

// The store is SQLite via a native module: Node runtime, never cached.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  // next-auth 4 reads `params.nextauth` synchronously; Next 16 passes params as a promise.
  const params = await ctx.params;
  return NextAuth(getAuthOptions())(req, { params });
}

export { handler as GET, handler as POST };
