import { createServer } from "node:http";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";

const httpServer = createServer(async (req, res) => {
  const transport = new SSEServerTransport("/messages", res);
  await mcp.connect(transport);
});
const port: number = Number(process.env.PORT ?? 3000);
// ruleid: mcp-bind-all-interfaces
httpServer.listen(port);
// ok: mcp-bind-all-interfaces
httpServer.listen(port, "::1");
const HOST = process.env.MCP_HOST || "0.0.0.0";
// ruleid: mcp-bind-all-interfaces
httpServer.listen(port, HOST);
