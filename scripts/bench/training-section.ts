import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * `npm run bench` reports training time from the model folder it uses: retraining inside the
 * search bench would double its run time, and `npm run bench:ml` times training afresh. The figures
 * are what `npm run train` recorded in metrics.json when it made that model.
 */
const timingsSchema = z.object({
  timings: z.object({
    totalSeconds: z.number(),
    totalCpuSeconds: z.number().optional(),
    finalTrainingSeconds: z.number().optional(),
    finalTrainingCpuSeconds: z.number().optional(),
  }),
});

export function formatTrainingSection(modelDir: string): string {
  const file = path.join(modelDir, "metrics.json");
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    return `training: no readable ${file} (${error instanceof Error ? error.message : String(error)})`;
  }
  const parsed = timingsSchema.safeParse(raw);
  if (!parsed.success) return `training: ${file} records no timings (made by an older train)`;
  const t = parsed.data.timings;
  const cpu = (x: number | undefined) => (x === undefined ? "" : ` (CPU ${x.toFixed(1)} s)`);
  const final = t.finalTrainingSeconds === undefined ? "" : `; final refit alone ${t.finalTrainingSeconds.toFixed(1)} s${cpu(t.finalTrainingCpuSeconds)}`;
  return `training (${path.basename(modelDir)}, as recorded by npm run train): ${t.totalSeconds.toFixed(1)} s${cpu(t.totalCpuSeconds)} with validation and cross-validation${final}; npm run bench:ml times it afresh (target <= 60 s)`;
}
