// Streamable HTTP on Express with no authentication on any route.
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const app = express();
app.use(express.json());

app.post("/mcp", async (req, res) => {
  // ruleid: mcp-missing-auth
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

if (process.argv.includes("--stdio")) {
  // ok: mcp-missing-auth
  await server.connect(new StdioServerTransport());
}
app.listen(3000, "127.0.0.1");
