import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec, execSync, spawn, execFile } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";

const execAsync = promisify(exec);
const server = new McpServer({ name: "git", version: "1.0.0" });

server.tool("git_log", "Show the log", { repo: z.string(), count: z.number() }, async ({ repo, count }) => {
  // ruleid: js-mcp-tool-command-injection
  const out = execSync(`git -C /srv/${repo} log -n ${count}`, { encoding: "utf8" });
  return { content: [{ type: "text", text: out }] };
});

server.registerTool(
  "clone",
  { description: "Clone a repository", inputSchema: { url: z.string() } },
  async ({ url }) => {
    const cmd = "git clone " + url;
    // ruleid: js-mcp-tool-command-injection
    const { stdout } = await execAsync(cmd);
    return { content: [{ type: "text", text: stdout }] };
  },
);

server.tool("tests", { pattern: z.string() }, async ({ pattern }) => {
  // ruleid: js-mcp-tool-command-injection
  const child = spawn("npm", ["test", "--", pattern], { shell: true });
  // ok: js-mcp-tool-command-injection
  const safe = spawn("npm", ["test", "--", pattern]);
  // ok: js-mcp-tool-command-injection
  execFile("git", ["log", "--", pattern]);
  return { content: [{ type: "text", text: String(child.pid ?? safe.pid) }] };
});

server.tool("count", { n: z.string() }, async ({ n }) => {
  const lines = Number(n);
  // ok: js-mcp-tool-command-injection
  const out = execSync(`seq ${lines}`);
  // ok: js-mcp-tool-command-injection
  const up = execSync("uptime");
  return { content: [{ type: "text", text: String(out) + String(up) }] };
});

function runGrep(args: { pattern: string }) {
  const pattern = args.pattern;
  // ruleid: js-mcp-tool-command-injection
  return execSync("grep -r " + pattern).toString();
}

server.tool("grep", { pattern: z.string() }, async (args) => {
  return { content: [{ type: "text", text: runGrep(args) }] };
});

function unused(cmd: string) {
  // ok: js-mcp-tool-command-injection
  return execSync(cmd);
}
