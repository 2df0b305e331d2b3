// Fixtures for js-mcp-tool-command-injection: `exec` imported by name from child_process.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec } from "child_process";
import { z } from "zod";

const server = new McpServer({ name: "ops", version: "1.0.0" });

server.tool("ping", { host: z.string() }, async ({ host }) => {
  // ruleid: js-mcp-tool-command-injection
  exec(`ping -c 1 ${host}`);
  // ok: js-mcp-tool-command-injection
  exec("uptime");
  return { content: [] };
});
