/** Small helpers shared by the admin route handlers. */

export const MAX_JSON_BODY = 16 * 1024;

export function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

export function jsonOk(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** Read a small JSON body; a clear 4xx for anything else. */
export async function readJsonBody(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) return { ok: false, response: jsonError(415, "Send a JSON body (content-type: application/json).") };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY) return { ok: false, response: jsonError(413, `Body too large: at most ${MAX_JSON_BODY} bytes.`) };
  const text = await request.text();
  if (text.length > MAX_JSON_BODY) return { ok: false, response: jsonError(413, `Body too large: at most ${MAX_JSON_BODY} bytes.`) };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: jsonError(400, "The body is not valid JSON.") };
  }
}
