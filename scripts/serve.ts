/**
 * The production server: Next.js as a custom server (the documented `next({ dev: false })` +
 * `getRequestHandler()` pattern), with the routes registered in lib/http/fast-routes.ts answered
 * before Next's router. Everything else (pages, other APIs, proxy.ts) goes through Next as under
 * `next start`. `npm start` ends here; `npm run serve` runs it alone on an existing build.
 */
import http from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import next from "next";
import { findFastRoute, type FastHandler } from "@/lib/http/fast-routes";

const ROOT = path.resolve(import.meta.dirname, "..");
const gzip = promisify(zlib.gzip);
/** Smaller bodies gain little from gzip and cost a thread-pool round trip. */
const GZIP_MIN_BYTES = 1024;

const port = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535) throw new InvalidArgumentError("--port must be a TCP port (1-65535)");
  return Number(v);
};

const program = new Command()
  .name("serve")
  .description("Serve the built portal (run `next build` first; `npm start` does everything).")
  .option("--port <port>", "TCP port (default: $PORT, else 3000)", port)
  .option("--hostname <host>", "address to listen on", "0.0.0.0");

function toHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // A header the WHATWG rules refuse (Node's parser is looser); Next would drop it too.
    }
  }
  // As Next does (base-server.js): the socket's address unless a proxy in front has set one.
  if (!headers.has("x-forwarded-for") && req.socket.remoteAddress) headers.set("x-forwarded-for", req.socket.remoteAddress);
  return headers;
}

async function answerFast(handler: FastHandler, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const headers = toHeaders(req);
  const answer = await handler({ method: req.method ?? "GET", url, headers });
  let body = Buffer.from(answer.body);
  const out: Record<string, string> = { ...answer.headers, vary: "Accept-Encoding" };
  if (body.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(headers.get("accept-encoding") ?? "")) {
    body = await gzip(body, { level: 4 });
    out["content-encoding"] = "gzip";
  }
  out["content-length"] = String(body.length);
  res.writeHead(answer.status, out);
  res.end(body);
}

async function main(): Promise<void> {
  const opts = program.parse().opts();
  const listenPort = opts.port ?? (process.env.PORT ? port(process.env.PORT) : 3000);
  const app = next({ dev: false, dir: ROOT, hostname: opts.hostname, port: listenPort });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((req, res) => {
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const handler = findFastRoute(req.method, q === -1 ? rawUrl : rawUrl.slice(0, q));
    if (!handler) {
      void handle(req, res);
      return;
    }
    answerFast(handler, req, res, new URL(rawUrl, "http://localhost")).catch((error: unknown) => {
      console.error(`[serve] ${req.method} ${rawUrl.slice(0, 200)} failed`, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: "internal error" }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listenPort, opts.hostname, resolve);
  });
  console.log(`[serve] ready on http://${opts.hostname === "0.0.0.0" ? "localhost" : opts.hostname}:${listenPort}`);

  const stop = () => {
    server.close();
    server.closeAllConnections();
    void app.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`[serve] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
