import { Hono } from "hono";
import { cors } from "hono/cors";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const app = new Hono();
// ruleid: mcp-permissive-cors
app.use("/mcp/*", cors({ origin: "*" }));
// ok: mcp-permissive-cors
app.use("/api/*", cors({ origin: "https://app.example.com" }));
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });

import express, { type Request, type Response } from "express";
import cors from "cors";

const api = express();
// ruleid: mcp-permissive-cors
api.use("/mcp", cors({ origin: (origin: string | undefined, cb: (e: Error | null, o?: string | boolean) => void) => cb(null, origin), credentials: true }));
// ruleid: mcp-permissive-cors
api.use("/sse", cors({ origin: (_origin, callback) => callback(null, true) }));
// ruleid: mcp-permissive-cors
api.use("/messages", cors({ origin: /.*/ }));
// ok: mcp-permissive-cors
api.use("/mcp", cors({ origin: (origin, cb) => cb(null, ALLOWED.has(origin ?? "")), credentials: true }));
// ok: mcp-permissive-cors
api.use("/mcp", cors({ origin: /^https:\/\/([a-z]+\.)?example\.com$/ }));
const ALLOWED = new Set(["https://app.example.com"]);

api.post("/mcp", (req: Request, res: Response) => {
  // ruleid: mcp-permissive-cors
  res.header("Access-Control-Allow-Origin", req.get("origin") ?? "*");
  res.header("Access-Control-Allow-Credentials", "true");
  res.end();
});
