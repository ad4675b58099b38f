import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny HTTP server on 127.0.0.1 that answers the part of Meilisearch's HTTP API the adapter uses
 * to start, rebuild and search (health, indexes, settings, documents, tasks, swap, stats,
 * multi-search). It does no filtering or ranking: multi-search returns every document. It exists
 * to test what happens on the wire when Meilisearch goes away and comes back (`stop()` closes the
 * socket, `start()` listens again on the same port with its data kept, as a restarted server would).
 */
export class MeiliPeer {
  private server: http.Server | null = null;
  private readonly indexes = new Map<string, { primaryKey: string; docs: Map<string, Record<string, unknown>> }>();
  private taskSeq = 0;
  /** Requests served, by "METHOD /path" with ids folded; for assertions and debugging. */
  readonly requests: string[] = [];
  port = 0;

  async start(port = this.port): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    const url = new URL(req.url ?? "/", "http://peer");
    const parts = url.pathname.split("/").filter(Boolean);
    const method = req.method ?? "GET";
    this.requests.push(`${method} /${parts[0] ?? ""}${parts.length > 2 ? `/*/${parts[2]}` : parts.length > 1 ? "/*" : ""}`);
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    const task = (indexUid: string | null, type: string) => send(202, { taskUid: ++this.taskSeq, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() });
    const notFound = (uid: string) => send(404, { message: `Index \`${uid}\` not found.`, code: "index_not_found", type: "invalid_request", link: "https://docs.meilisearch.com/errors#index_not_found" });

    if (method === "GET" && parts[0] === "health") return send(200, { status: "available" });
    if (method === "GET" && parts[0] === "version") return send(200, { pkgVersion: "peer" });
    if (method === "GET" && parts[0] === "tasks" && parts[1]) {
      const now = new Date().toISOString();
      return send(200, { uid: Number(parts[1]), indexUid: null, status: "succeeded", type: "unknown", details: {}, error: null, duration: "PT0S", enqueuedAt: now, startedAt: now, finishedAt: now });
    }
    if (method === "POST" && parts[0] === "indexes" && parts.length === 1) {
      const { uid, primaryKey } = body as { uid: string; primaryKey: string };
      if (!this.indexes.has(uid)) this.indexes.set(uid, { primaryKey, docs: new Map() });
      return task(uid, "indexCreation");
    }
    if (method === "POST" && parts[0] === "swap-indexes") {
      for (const { indexes } of body as Array<{ indexes: [string, string] }>) {
        const [a, b] = indexes;
        const ia = this.indexes.get(a);
        const ib = this.indexes.get(b);
        if (ia && ib) {
          this.indexes.set(a, ib);
          this.indexes.set(b, ia);
        }
      }
      return task(null, "indexSwap");
    }
    if (method === "POST" && parts[0] === "multi-search") {
      const queries = (body as { queries: Array<{ indexUid: string; page?: number; hitsPerPage?: number; q?: string }> }).queries;
      const results = [];
      for (const q of queries) {
        const index = this.indexes.get(q.indexUid);
        if (!index) return notFound(q.indexUid);
        const all = [...index.docs.values()];
        const per = q.hitsPerPage ?? 20;
        const page = q.page ?? 1;
        const hits = per === 0 ? [] : all.slice((page - 1) * per, page * per);
        results.push({ indexUid: q.indexUid, hits, query: q.q ?? "", processingTimeMs: 0, hitsPerPage: per, page, totalPages: per === 0 ? 0 : Math.ceil(all.length / per), totalHits: all.length, facetDistribution: {} });
      }
      return send(200, { results });
    }
    if (parts[0] === "indexes" && parts[1]) {
      const uid = parts[1];
      const index = this.indexes.get(uid);
      if (method === "DELETE" && parts.length === 2) {
        if (!index) return notFound(uid);
        this.indexes.delete(uid);
        return task(uid, "indexDeletion");
      }
      if (!index) return notFound(uid);
      if (method === "GET" && parts.length === 2) return send(200, { uid, primaryKey: index.primaryKey, createdAt: new Date(0).toISOString(), updatedAt: new Date(0).toISOString() });
      if (method === "PATCH" && parts[2] === "settings") return task(uid, "settingsUpdate");
      if (method === "GET" && parts[2] === "stats") return send(200, { numberOfDocuments: index.docs.size, isIndexing: false, fieldDistribution: {} });
      if ((method === "POST" || method === "PUT") && parts[2] === "documents") {
        for (const d of body as Array<Record<string, unknown>>) index.docs.set(String(d[index.primaryKey]), d);
        return task(uid, "documentAdditionOrUpdate");
      }
      if (method === "GET" && parts[2] === "documents" && parts[3]) {
        const doc = index.docs.get(decodeURIComponent(parts[3]));
        return doc ? send(200, doc) : send(404, { message: "Document not found.", code: "document_not_found", type: "invalid_request", link: "" });
      }
      if (method === "POST" && parts[2] === "facet-search") return send(200, { facetHits: [], facetQuery: null, processingTimeMs: 0 });
    }
    send(501, { message: `the test peer does not implement ${method} ${url.pathname}`, code: "not_implemented", type: "internal", link: "" });
  }
}
