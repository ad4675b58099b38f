import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/staff/signin-form";
import { requireStaff } from "@/lib/auth/guards";

export const metadata: Metadata = { title: { default: "Admin", template: "%s - Admin - 19th-century books" }, robots: { index: false } };
export const dynamic = "force-dynamic";

/** The pages check the role again themselves: a layout is not re-run on every navigation. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const session = await requireStaff("/admin");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 pb-3">
        <nav aria-label="Admin">
          <ul className="flex gap-4">
            <li>
              <Link href="/admin" className="font-semibold underline-offset-4 hover:underline">
                Facets
              </Link>
            </li>
            <li>
              <Link href="/admin/review" className="font-semibold underline-offset-4 hover:underline">
                Review
              </Link>
            </li>
            <li>
              <Link href="/admin/promoted" className="font-semibold underline-offset-4 hover:underline">
                Promoted facets
              </Link>
            </li>
            <li>
              <Link href="/admin/labelling" className="font-semibold underline-offset-4 hover:underline">
                Labelling functions
              </Link>
            </li>
            {session.role === "admin" && (
              <li>
                <Link href="/admin/staff" className="font-semibold underline-offset-4 hover:underline">
                  Staff accounts
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span>
            {session.email} ({session.role})
          </span>
          <SignOutButton />
        </div>
      </div>
      {children}
    </div>
  );
}
