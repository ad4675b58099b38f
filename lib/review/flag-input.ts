import { z } from "zod";

/** What a visitor may send when flagging a prediction. Field limits keep a flag small and readable. */

export const FLAGGABLE_GENERATORS = ["genre", "language"] as const;
export const GENRE_VALUES = ["Fiction", "Non-fiction"] as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const flagInputSchema = z
  .object({
    record_id: text(64).min(1, "is required"),
    generator: z.enum(FLAGGABLE_GENERATORS, { message: `must be one of ${FLAGGABLE_GENERATORS.join(", ")}` }),
    suggested: text(60).min(1, "is required: say what the right value is"),
    comment: text(500).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.generator === "genre" && !(GENRE_VALUES as readonly string[]).includes(v.suggested)) {
      ctx.addIssue({ code: "custom", path: ["suggested"], message: `for genre must be ${GENRE_VALUES.join(" or ")}` });
    }
  });

export type FlagInput = z.infer<typeof flagInputSchema>;

export class FlagInputError extends Error {
  override name = "FlagInputError";
}

/** Validates untrusted form or JSON fields; the error names every bad field. */
export function parseFlagInput(raw: unknown): FlagInput {
  const result = flagInputSchema.safeParse(raw);
  if (!result.success) {
    throw new FlagInputError(result.error.issues.map((i) => `${i.path.join(".") || "body"} ${i.message}`).join("; "), { cause: result.error });
  }
  return result.data;
}
