import type { Metadata } from "next";
import { AddStaffForm, RemoveStaffForm } from "@/components/staff/staff-forms";
import { requireAdmin } from "@/lib/auth/guards";
import { getJobServices } from "@/lib/jobs/server";
import { addStaffAction, removeStaffAction } from "../actions";

export const metadata: Metadata = { title: "Staff accounts" };
export const dynamic = "force-dynamic";

export default async function StaffPage() {
  const session = await requireAdmin("/admin/staff");
  const accounts = getJobServices().staff.listAccounts();
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Staff accounts</h1>
      <section aria-labelledby="accounts-heading" className="space-y-3">
        <h2 id="accounts-heading" className="text-xl font-semibold">Accounts</h2>
        <table className="w-full text-left text-sm" data-testid="accounts">
          <thead>
            <tr>
              <th scope="col" className="pr-3">E-mail</th>
              <th scope="col" className="pr-3">Role</th>
              <th scope="col" className="pr-3">Created</th>
              <th scope="col" className="pr-3">Last sign-in</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.email} className="border-t border-gray-200 align-top">
                <td className="py-1 pr-3">{a.email}</td>
                <td className="py-1 pr-3">{a.role}</td>
                <td className="py-1 pr-3">{a.createdAt.slice(0, 10)}</td>
                <td className="py-1 pr-3">{a.lastSignInAt ? a.lastSignInAt.replace("T", " ").slice(0, 16) : "never"}</td>
                <td className="py-1">{a.email === session.email ? <span className="text-gray-600">you</span> : <RemoveStaffForm action={removeStaffAction} email={a.email} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-sm text-gray-700">
          Single-sign-on users are not listed: their role comes from the identity provider&apos;s groups (OIDC_ROLE_MAP).
        </p>
      </section>
      <section aria-labelledby="add-heading" className="space-y-3">
        <h2 id="add-heading" className="text-xl font-semibold">Add an account</h2>
        <AddStaffForm action={addStaffAction} />
      </section>
    </div>
  );
}
