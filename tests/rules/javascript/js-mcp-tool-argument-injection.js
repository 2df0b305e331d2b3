const { execFileSync, spawnSync } = require("node:child_process");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");

const server = new McpServer({ name: "archive", version: "1.0.0" });

server.tool("extract", { archive: z.string(), pattern: z.string() }, async ({ archive, pattern }) => {
  // ruleid: js-mcp-tool-argument-injection
  execFileSync("tar", ["-xf", archive, "-C", "/srv/extract"]);
  // ok: js-mcp-tool-argument-injection
  execFileSync("tar", ["-xf", "/srv/uploads/latest.tar", "-C", "/srv/extract"]);
  // ok: js-mcp-tool-argument-injection
  const found = spawnSync("find", ["/srv/extract", "-name", `*.${Number(pattern.length)}`]);
  // ruleid: js-mcp-tool-argument-injection
  const grep = spawnSync("grep", ["-rn", pattern, "/srv/extract"]);
  return { content: [{ type: "text", text: String(found.stdout) + String(grep.stdout) }] };
});

server.tool("commit", { message: z.string(), flags: z.string() }, async ({ message, flags }) => {
  // ok: js-mcp-tool-argument-injection
  execFileSync("git", ["commit", "-m", message], { cwd: "/srv/repo" });
  // ruleid: js-mcp-tool-argument-injection
  execFileSync("git", ["status", "-s", flags], { cwd: "/srv/repo" });
  return { content: [{ type: "text", text: "committed" }] };
});
