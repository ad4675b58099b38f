import { buildRis, getLiveGenre, toRisFilename } from "@/lib/export/ris";
import { getStore } from "@/lib/store/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /records/<id>/citation.ris: the book as a RIS citation, with the predicted genre in a note. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const store = await getStore();
  const record = store.getRecord(id);
  if (!record) return new Response(`No book with the record id ${id}\n`, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const recordUrl = new URL(`/records/${encodeURIComponent(record.id)}`, request.url).toString();
  return new Response(buildRis(record, { genre: getLiveGenre(store, record.id), recordUrl }), {
    headers: {
      "content-type": "application/x-research-info-systems; charset=utf-8",
      "content-disposition": `attachment; filename="${toRisFilename(record)}"`,
      "cache-control": "no-store",
    },
  });
}
