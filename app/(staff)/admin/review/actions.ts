"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/guards";
import { GENRE_VALUES } from "@/lib/review/flag-input";
import { getReviewStore } from "@/lib/review/server";
import { ReviewStateError } from "@/lib/review/state";
import { FlagNotFoundError } from "@/lib/store/review";
import { getStore } from "@/lib/store/server";

/**
 * Review queue actions. Each checks the staff role itself: a server action is a public POST
 * endpoint whatever page rendered it. The outcome travels back in the URL (works without JavaScript).
 */

const decisionSchema = z.object({ flag_id: z.coerce.number().int().positive(), decision: z.enum(["accept", "reject"]) });
const labelSchema = z.object({ record_id: z.string().trim().min(1).max(64), label: z.enum(GENRE_VALUES) });

function back(message: string, ok: boolean): never {
  redirect(`/admin/review?${new URLSearchParams({ [ok ? "ok" : "error"]: message }).toString()}`);
}

export async function decideFlagAction(form: FormData): Promise<void> {
  const session = await requireStaff("/admin/review");
  const parsed = decisionSchema.safeParse({ flag_id: form.get("flag_id"), decision: form.get("decision") });
  if (!parsed.success) back("That decision was not understood (flag id and accept/reject needed).", false);
  let message: string;
  try {
    const { flag, label } = getReviewStore().decideFlag(parsed.data.flag_id, parsed.data.decision, session.email);
    message = label ? `Flag ${flag.id} accepted: book ${flag.recordId} is now labelled ${label.label}; the next training uses it.` : `Flag ${flag.id} rejected.`;
  } catch (err) {
    if (err instanceof ReviewStateError || err instanceof FlagNotFoundError) back(err.message, false);
    throw err;
  }
  revalidatePath("/admin/review");
  back(message, true);
}

export async function labelBookAction(form: FormData): Promise<void> {
  const session = await requireStaff("/admin/review");
  const parsed = labelSchema.safeParse({ record_id: form.get("record_id"), label: form.get("label") });
  if (!parsed.success) back(`Label not saved: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`, false);
  const store = await getStore();
  if (!store.getRecord(parsed.data.record_id)) back(`Label not saved: no record with id ${parsed.data.record_id}.`, false);
  getReviewStore().addStaffLabel({ recordId: parsed.data.record_id, generator: "genre", label: parsed.data.label, who: session.email });
  revalidatePath("/admin/review");
  back(`Book ${parsed.data.record_id} labelled ${parsed.data.label}; the next training uses it.`, true);
}
