// Fixtures for js-mcp-tool-command-injection: a bare `exec` is a shell only when it is
// child_process's.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { spawn } from "node:child_process";
import { z } from "zod";
import { exec } from "./db/sqlite.js";

const server = new McpServer({ name: "notes", version: "1.0.0" });

server.tool("find", { term: z.string() }, async ({ term }) => {
  // `exec` runs SQL on the notes database, not a shell (the SQL built from input is another
  // rule's finding).
  // ok: js-mcp-tool-command-injection
  const rows = await exec(`SELECT id FROM notes WHERE body LIKE '%${term}%'`);
  // ok: js-mcp-tool-command-injection
  const child = spawn("grep", ["-r", "--", term, "/srv/notes"]);
  return { content: [{ type: "text", text: `${rows.length} ${child.pid}` }] };
});
