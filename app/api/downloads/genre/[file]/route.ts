import { DownloadUnavailableError, getDownload } from "@/lib/about/download-server";
import { parseDownloadFile, toDigestHeaders, toLineStream, DOWNLOAD_FILES } from "@/lib/about/downloads";

export const dynamic = "force-dynamic";

/**
 * GET /api/downloads/genre/<file>: the current genre model's deposit files, with the SHA-256 of
 * the body in `X-Checksum-SHA256`, `Digest` and `Repr-Digest` (the same figure /about/downloads shows).
 */
export async function GET(_request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file: raw } = await context.params;
  const file = parseDownloadFile(raw);
  if (!file) return Response.json({ error: `Unknown download "${raw}"; one of: ${DOWNLOAD_FILES.join(", ")}` }, { status: 404 });
  try {
    const d = await getDownload(file);
    const headers = {
      "Content-Type": d.contentType,
      "Content-Disposition": `attachment; filename="${d.filename}"`,
      "Content-Length": String(d.bytes),
      "Cache-Control": "no-store",
      "X-Model-Version": d.version,
      ...toDigestHeaders(d.sha256),
    };
    const body = Buffer.isBuffer(d.content) ? new Uint8Array(d.content) : toLineStream(d.content());
    return new Response(body, { headers });
  } catch (error) {
    if (error instanceof DownloadUnavailableError) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
}
