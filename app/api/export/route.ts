import { buildExport, EXPORT_FORMATS, EXPORT_MAX_ROWS, toExportFilename, type ExportFormat } from "@/lib/export/stream";
import { toErrorResponse } from "@/lib/search/api";
import { withinSearchBudget } from "@/lib/search/budget";
import { parseSearchParams, SearchParamsError } from "@/lib/search/params";
import { getSearchEngine } from "@/lib/search/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const CONTENT_TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" };

/**
 * GET /api/export?<the /api/search params>&format=csv|json: every matching book (up to
 * EXPORT_MAX_ROWS), streamed, with the machine fields (value, confidence, model version, source).
 * page and per_page are accepted, so a search URL can be reused as is, and ignored.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    const formats = params.getAll("format");
    if (formats.length > 1) throw new SearchParamsError("format", "given more than once; give it once");
    const format = formats[0] ?? "csv";
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new SearchParamsError("format", `must be one of ${EXPORT_FORMATS.join(", ")} (got "${format}")`);
    const query = parseSearchParams(params, { extraKeys: ["format"] });
    const plan = await withinSearchBudget(async () => buildExport(await getSearchEngine(), query, { format: format as ExportFormat }));
    return new Response(plan.stream, {
      headers: {
        "content-type": CONTENT_TYPES[format as ExportFormat],
        "content-disposition": `attachment; filename="${toExportFilename(query, format as ExportFormat)}"`,
        "cache-control": "no-store",
        "x-export-total": String(plan.total),
        "x-export-rows": String(plan.rows),
        "x-export-cap": String(EXPORT_MAX_ROWS),
        "x-export-truncated": String(plan.truncated),
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
