// The HTTP side of the tickets server: bearer tokens on /mcp, loopback only.
import express, { Request, Response } from "express";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { buildServer, newTransport } from "./server.js";
import { verifier } from "./verifier.js";

const PORT = 3330;
const app = express();
app.use(express.json({ limit: "256kb" }));

const auth = requireBearerAuth({ verifier, requiredScopes: ["tickets:read"] });

app.post("/mcp", auth, async (req: Request, res: Response) => {
  const server = buildServer();
  const transport = newTransport(PORT);
  res.on("close", () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(PORT, "127.0.0.1", () => {
  console.error(`tickets MCP server on http://127.0.0.1:${PORT}/mcp`);
});
