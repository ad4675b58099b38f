import http from "node:http";
import type { AddressInfo } from "node:net";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchUnavailableError } from "@/lib/search/errors";
import { awaitTask, MeiliTaskError } from "@/lib/search/meilisearch/tasks";

/**
 * A tiny stand-in for Meilisearch's task API on 127.0.0.1: enqueueing answers 202 with a task uid;
 * GET /tasks/<uid> answers "processing" once, then the final status chosen per index name.
 */
const polls = new Map<number, number>();
let nextUid = 1;
const taskOutcome = new Map<number, "succeeded" | "failed">();

const server = http.createServer((req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const url = req.url ?? "";
  const task = url.match(/^\/tasks\/(\d+)$/);
  if (req.method === "GET" && task) {
    const uid = Number(task[1]);
    const seen = (polls.get(uid) ?? 0) + 1;
    polls.set(uid, seen);
    const outcome = taskOutcome.get(uid) ?? "succeeded";
    const status = seen < 2 ? "processing" : outcome;
    return send(200, {
      uid,
      batchUid: uid,
      indexUid: "books",
      status,
      type: "settingsUpdate",
      canceledBy: null,
      details: {},
      error: status === "failed" ? { message: "Attribute `colour` is not filterable.", code: "invalid_settings_filterable_attributes", type: "invalid_request", link: "" } : null,
      duration: null,
      enqueuedAt: "2026-11-25T00:00:00Z",
      startedAt: null,
      finishedAt: null,
    });
  }
  const settings = url.match(/^\/indexes\/([^/]+)\/settings$/);
  if (req.method === "PATCH" && settings) {
    const uid = nextUid++;
    taskOutcome.set(uid, settings[1] === "broken" ? "failed" : "succeeded");
    return send(202, { taskUid: uid, indexUid: settings[1], status: "enqueued", type: "settingsUpdate", enqueuedAt: "2026-11-25T00:00:00Z" });
  }
  send(404, { message: "not found", code: "not_found", type: "invalid_request", link: "" });
});

let client: Meilisearch;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  client = new Meilisearch({ host: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("awaitTask", () => {
  it("polls until the task succeeds", async () => {
    const task = await awaitTask("settings of books", client.index("books").updateSettings({ filterableAttributes: ["year"] }));
    expect(task.status).toBe("succeeded");
    expect(polls.get(task.uid)).toBe(2);
  });

  it("throws a typed error naming the step and carrying Meilisearch's error", async () => {
    const err = await awaitTask("settings of broken", client.index("broken").updateSettings({ filterableAttributes: ["colour"] })).catch((e) => e);
    expect(err).toBeInstanceOf(MeiliTaskError);
    expect(err.message).toBe("Meilisearch task failed (settings of broken): invalid_settings_filterable_attributes: Attribute `colour` is not filterable.");
    expect(err.task.status).toBe("failed");
    expect(err.cause).toMatchObject({ code: "invalid_settings_filterable_attributes" });
  });

  it("reports an unreachable server as unavailable", async () => {
    const down = new Meilisearch({ host: "http://127.0.0.1:1" });
    const err = await awaitTask("settings", down.index("books").updateSettings({})).catch((e) => e);
    expect(err).toBeInstanceOf(SearchUnavailableError);
    expect(err.cause).toBeDefined();
  });
});
