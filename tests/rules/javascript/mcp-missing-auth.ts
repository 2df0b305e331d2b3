import express, { Request, Response } from "express";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";

const app = express();
const transports: Record<string, SSEServerTransport> = {};

app.get("/sse", async (_req: Request, res: Response) => {
  // ruleid: mcp-missing-auth
  const transport = new SSEServerTransport("/messages", res);
  transports[transport.sessionId] = transport;
});
// ok: mcp-missing-auth
app.listen(3001, "127.0.0.1");
