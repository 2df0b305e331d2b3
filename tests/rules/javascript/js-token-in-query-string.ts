import express from "express";
import { Hono } from "hono";

const app = express();

app.get("/sse", (req, res) => {
  // ruleid: js-token-in-query-string
  const token = req.query.token as string | undefined;
  // ok: js-token-in-query-string
  const cursor = req.query.cursor as string | undefined;
  res.json({ ok: Boolean(token), cursor });
});

app.get("/messages", (req, res) => {
  // ruleid: js-token-in-query-string
  const { sessionId, access_token } = req.query;
  // ok: js-token-in-query-string
  const { sessionId: sid, page } = req.query;
  res.json({ sessionId, sid, page, ok: Boolean(access_token) });
});

export function fromUrl(raw: string): string | null {
  const url = new URL(raw, "http://localhost");
  // ruleid: js-token-in-query-string
  const key = url.searchParams.get("api_key");
  // ok: js-token-in-query-string
  const lang = url.searchParams.get("lang");
  return key ?? lang;
}

const hono = new Hono();
hono.get("/events", (c) => {
  // ruleid: js-token-in-query-string
  const jwt = c.req.query("jwt");
  // ok: js-token-in-query-string
  const auth = c.req.header("authorization");
  return c.json({ ok: Boolean(jwt ?? auth) });
});
