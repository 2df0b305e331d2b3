import express from "express";
import { serve } from "@hono/node-server";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const app = express();
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});

const PORT = 3000;
// ruleid: mcp-bind-all-interfaces
app.listen(PORT, () => console.log(`listening on ${PORT}`));
// ok: mcp-bind-all-interfaces
app.listen(PORT, "127.0.0.1");
// ruleid: mcp-bind-all-interfaces
app.listen({ port: PORT, host: process.env.HOST || "0.0.0.0" });
// ok: mcp-bind-all-interfaces
app.listen("/run/mcp.sock");
// ruleid: mcp-bind-all-interfaces
serve({ fetch: hono.fetch, port: 8787 });
// ok: mcp-bind-all-interfaces
serve({ fetch: hono.fetch, port: 8787, hostname: "localhost" });
