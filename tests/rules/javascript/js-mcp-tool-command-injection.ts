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

class Builder {
  constructor(private readonly root: string) {}

  build(target: string) {
    // ruleid: js-mcp-tool-command-injection
    return execSync(`make -C ${this.root} ${target}`);
  }
}

class Lister {
  build(target: string) {
    // ok: js-mcp-tool-command-injection
    return execSync(`ls ${Number(target)}`);
  }
}

server.tool("build", { target: z.string() }, async ({ target }) => {
  const builder = new Builder("/srv/app");
  return { content: [{ type: "text", text: String(builder.build(target)) }] };
});

server.tool("list", { count: z.string() }, async ({ count }) => {
  return { content: [{ type: "text", text: String(new Lister().build(count)) }] };
});

server.tool("archive", { dir: z.string() }, async ({ dir }) => {
  // An explicit shell with the command in the argument array.
  // ruleid: js-mcp-tool-command-injection
  const child = spawn("sh", ["-c", `tar czf /tmp/out.tgz ${dir}`]);
  // The input is an argument of the script, not part of it: "$1" is not parsed.
  // ok: js-mcp-tool-command-injection
  const safe = spawn("sh", ["-c", 'tar czf /tmp/out.tgz "$1"', "tar", dir]);
  // ok: js-mcp-tool-command-injection
  const plain = spawn("tar", ["czf", "/tmp/out.tgz", "--", dir]);
  return { content: [{ type: "text", text: String(child.pid ?? safe.pid ?? plain.pid) }] };
});
