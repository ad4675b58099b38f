"use server";

import { revalidatePath } from "next/cache";
import { AccountError, createAccount, removeAccount } from "@/lib/auth/accounts";
import { requireAdmin, requireStaff } from "@/lib/auth/guards";
import { rollbackTo, RollbackError } from "@/lib/jobs/rollback";
import { getJobServices } from "@/lib/jobs/server";
import { spawnWorker } from "@/lib/jobs/spawn";
import { parseRegenerateOptions, RegenerateRequestError, startRegeneration } from "@/lib/jobs/start";
import { getGeneratorNames } from "@/lib/promotion/sync";
import { JobLockedError } from "@/lib/store/jobs";

/**
 * Server actions for the admin pages. Each one checks the role itself: an action is a public
 * POST endpoint whatever page it was rendered on. Next checks the Origin of action requests.
 */

export type ActionResult = { ok: boolean; message: string } | null;

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

export async function regenerateAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const session = await requireStaff("/admin");
  const services = getJobServices();
  try {
    const options = parseRegenerateOptions({ mode: str(form.get("mode")), generators: form.getAll("generators").map(str) }, getGeneratorNames(services.store.db));
    if (services.store.countRecords() === 0) return { ok: false, message: "The store has no records yet: run `npm run ingest` first." };
    const job = startRegeneration(services, options, session.email, (id) => spawnWorker(id));
    revalidatePath("/admin");
    return { ok: true, message: `Job ${job.id} started: follow its progress below.` };
  } catch (err) {
    if (err instanceof JobLockedError || err instanceof RegenerateRequestError) return { ok: false, message: capitalise(err.message) };
    throw err;
  }
}

export async function rollbackAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const session = await requireAdmin("/admin");
  try {
    const entry = rollbackTo(getJobServices(), str(form.get("generator")), str(form.get("version")), session.email);
    revalidatePath("/admin");
    const outcome = entry.result?.outcomes[0];
    return { ok: true, message: `${outcome?.generator ?? "Facet"} is back on ${outcome?.version ?? "the chosen version"} (${outcome?.changed ?? 0} records changed value).` };
  } catch (err) {
    if (err instanceof RollbackError) return { ok: false, message: capitalise(err.message) };
    throw err;
  }
}

export async function addStaffAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  await requireAdmin("/admin/staff");
  try {
    const account = await createAccount(getJobServices().staff, { email: form.get("email"), role: form.get("role"), password: form.get("password") });
    revalidatePath("/admin/staff");
    return { ok: true, message: `Added ${account.email} (${account.role}).` };
  } catch (err) {
    if (err instanceof AccountError) return { ok: false, message: capitalise(err.message) };
    throw err;
  }
}

export async function removeStaffAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  const session = await requireAdmin("/admin/staff");
  try {
    removeAccount(getJobServices().staff, form.get("email"), session.email);
    revalidatePath("/admin/staff");
    return { ok: true, message: `Removed ${str(form.get("email"))}.` };
  } catch (err) {
    if (err instanceof AccountError) return { ok: false, message: capitalise(err.message) };
    throw err;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
