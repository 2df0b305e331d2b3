import { Hono } from "hono";
import { cors } from "hono/cors";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const app = new Hono();
// ruleid: mcp-permissive-cors
app.use("/mcp/*", cors({ origin: "*" }));
// ok: mcp-permissive-cors
app.use("/api/*", cors({ origin: "https://app.example.com" }));
const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
