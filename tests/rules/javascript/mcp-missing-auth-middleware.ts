// The app's own middleware on the MCP route authenticates (the name says so).
import express, { Request, Response, NextFunction } from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

function checkApiKey(req: Request, res: Response, next: NextFunction): void {
  next();
}

const app = express();
app.post("/mcp", checkApiKey, async (req: Request, res: Response) => {
  // ok: mcp-missing-auth
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
