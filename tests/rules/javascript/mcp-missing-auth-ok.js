// The MCP route requires a bearer token.
import express from "express";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";

const app = express();
const auth = requireBearerAuth({ verifier, requiredScopes: ["mcp"] });

app.get("/sse", auth, async (req, res) => {
  // ok: mcp-missing-auth
  const transport = new SSEServerTransport("/messages", res);
  await server.connect(transport);
});
