"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/auth/guards";
import { getJobServices } from "@/lib/jobs/server";
import { PromotionError } from "@/lib/promotion/promotion";
import { promoteOpenFacet, retirePromotedFacet } from "@/lib/promotion/server";
import { PromotionStateError } from "@/lib/store/promotions";
import { VectorFileError } from "@/ml/vectors/vector-file";

/**
 * Promote / retire actions. Each checks the staff role itself: a server action is a public POST
 * endpoint whatever page rendered it. The outcome travels back in the URL (works without JavaScript).
 */

const str = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");
const ids = (v: FormDataEntryValue | null) => str(v).split(",").map((s) => s.trim()).filter((s) => s !== "");

function back(params: Record<string, string>): never {
  redirect(`/admin/promoted?${new URLSearchParams(params).toString()}`);
}

function isExpected(err: unknown): err is Error {
  return err instanceof PromotionError || err instanceof PromotionStateError || err instanceof VectorFileError;
}

export async function promoteAction(form: FormData): Promise<void> {
  const session = await requireStaff("/admin/promoted");
  const input = { slug: str(form.get("slug")), label: str(form.get("label")), pos: ids(form.get("pos")), neg: ids(form.get("neg")), threshold: Number(str(form.get("threshold")) || "0.5") };
  let message: string;
  try {
    const facet = promoteOpenFacet(getJobServices(), input, session.email);
    message = `Promoted "${facet.label}" as f.${facet.slug}, version ${facet.version}. Run a regeneration with it on the Facets page to publish its values.`;
  } catch (err) {
    if (!isExpected(err)) throw err;
    // Keep the picks in the form so a corrected name can be tried again.
    back({ error: err.message, pos: input.pos.join(","), neg: input.neg.join(","), slug: input.slug, label: input.label });
  }
  revalidatePath("/admin/promoted");
  back({ ok: message });
}

export async function retireAction(form: FormData): Promise<void> {
  const session = await requireStaff("/admin/promoted");
  let message: string;
  try {
    const facet = retirePromotedFacet(getJobServices(), str(form.get("slug")), session.email);
    message = `Retired "${facet.label}" (f.${facet.slug}, version ${facet.version}): it leaves the search page within seconds; its predictions stay in the store.`;
  } catch (err) {
    if (!isExpected(err)) throw err;
    back({ error: err.message });
  }
  revalidatePath("/admin/promoted");
  back({ ok: message });
}
