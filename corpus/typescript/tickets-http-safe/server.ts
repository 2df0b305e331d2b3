// Support-ticket lookups as MCP tools, served over streamable HTTP by app.ts.
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

interface Ticket {
  id: string;
  title: string;
  status: "open" | "pending" | "closed";
}

const tickets = new Map<string, Ticket>();

export function buildServer(): McpServer {
  const server = new McpServer({ name: "tickets", version: "1.2.0" });
  server.registerTool(
    "get_ticket",
    {
      title: "Get ticket",
      description: "Returns one support ticket by id.",
      inputSchema: { id: z.string().regex(/^T-\d{1,8}$/) },
    },
    async ({ id }) => {
      const ticket = tickets.get(id);
      return { content: [{ type: "text", text: ticket ? JSON.stringify(ticket) : "not found" }] };
    },
  );
  return server;
}

export function newTransport(port: number): StreamableHTTPServerTransport {
  return new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableDnsRebindingProtection: true,
    allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`],
    allowedOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`],
  });
}
