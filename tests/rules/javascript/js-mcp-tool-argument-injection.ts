import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const run = promisify(execFile);
const server = new McpServer({ name: "git-tools", version: "1.0.0" });

server.tool("clone", { url: z.string() }, async ({ url }) => {
  // ruleid: js-mcp-tool-argument-injection
  await run("git", ["clone", "--depth", "1", url, "/srv/checkout"]);
  // ok: js-mcp-tool-argument-injection
  await run("git", ["clone", "--depth", "1", "--", url, "/srv/checkout"]);
  return { content: [{ type: "text", text: "cloned" }] };
});

server.registerTool(
  "history",
  { inputSchema: { ref: z.string(), host: z.string() } },
  async ({ ref, host }) => {
    // ruleid: js-mcp-tool-argument-injection
    const { stdout } = await run("git", ["log", "--oneline", ref], { cwd: "/srv/repo" });
    // ok: js-mcp-tool-argument-injection
    await run("git", ["log", "--oneline", `refs/heads/${ref}`], { cwd: "/srv/repo" });
    // ruleid: js-mcp-tool-argument-injection
    spawn("ssh", [host, "uptime"], { stdio: "inherit" });
    return { content: [{ type: "text", text: stdout }] };
  },
);

server.tool("fetch", { url: z.string() }, async ({ url }) => {
  // ruleid: js-mcp-tool-argument-injection
  const proc = Bun.spawn(["curl", "-sSL", url]);
  // ok: js-mcp-tool-argument-injection
  const status = await run("git", ["status", "--short"]);
  return { content: [{ type: "text", text: (await new Response(proc.stdout).text()) + status.stdout }] };
});

server.tool("checkout", { ref: z.string(), remote: z.string() }, async ({ ref, remote }) => {
  if (ref.startsWith("-")) {
    throw new Error("refs cannot start with '-'");
  }
  // ok: js-mcp-tool-argument-injection
  await run("git", ["checkout", ref], { cwd: "/srv/repo" });
  if (remote.startsWith("-")) console.warn("suspicious remote");
  // ruleid: js-mcp-tool-argument-injection
  await run("git", ["fetch", remote], { cwd: "/srv/repo" });
  return { content: [{ type: "text", text: "ok" }] };
});
