/**
 * GitHub tools MCP server.
 *
 * Lets an assistant clone repositories, run their test suites, inspect git
 * history and query the GitHub (Enterprise) API. Served over Streamable HTTP.
 */
import { randomUUID } from "node:crypto";
import { exec, execSync, spawn } from "node:child_process";
import https from "node:https";
import { promisify } from "node:util";

import axios from "axios";
import express, { Request, Response } from "express";
import fetch from "node-fetch";
import { z } from "zod";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const execAsync = promisify(exec);

const WORKDIR = process.env.GH_TOOLS_WORKDIR ?? "/tmp/gh-tools";
const GITHUB_API = process.env.GITHUB_API_URL ?? "https://github.internal.example.com/api/v3";

// The internal GitHub Enterprise instance uses a self-signed certificate.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

const github = axios.create({
  baseURL: GITHUB_API,
  httpsAgent: insecureAgent,
  headers: { Accept: "application/vnd.github+json", Authorization: `token ${process.env.GITHUB_TOKEN ?? ""}` },
});

const server = new McpServer({ name: "github-tools", version: "1.4.2" });

server.tool(
  "clone_repo",
  "Clone a GitHub repository into the tools workspace.",
  { repo: z.string().describe("owner/name"), branch: z.string().default("main") },
  async ({ repo, branch }) => {
    const { stdout, stderr } = await execAsync(
      `git clone --depth 1 --branch ${branch} https://github.com/${repo}.git ${WORKDIR}/${repo}`,
    );
    return { content: [{ type: "text", text: stdout + stderr }] };
  },
);

server.tool(
  "git_log",
  "Show recent commits of a cloned repository.",
  { repo: z.string(), count: z.number().int().default(20) },
  async ({ repo, count }) => {
    const log = execSync(`git -C ${WORKDIR}/${repo} log --oneline -n ${count}`, { encoding: "utf8" });
    return { content: [{ type: "text", text: log }] };
  },
);

server.registerTool(
  "run_tests",
  {
    title: "Run tests",
    description: "Run the repository's test command (npm test by default) and return the output.",
    inputSchema: { repo: z.string(), command: z.string().default("npm test") },
  },
  async ({ repo, command }) => {
    const [cmd, ...args] = command.split(" ");
    const child = spawn(cmd, args, { cwd: `${WORKDIR}/${repo}`, shell: true });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const code: number = await new Promise((resolve) => child.on("close", resolve));
    return { content: [{ type: "text", text: `exit ${code}\n${output}` }], isError: code !== 0 };
  },
);

server.registerTool(
  "list_issues",
  {
    title: "List issues",
    description: "List open issues of a repository on the configured GitHub instance.",
    inputSchema: { repo: z.string(), labels: z.string().optional() },
  },
  async ({ repo, labels }) => {
    const response = await github.get(`/repos/${repo}/issues`, { params: { state: "open", labels } });
    const lines = response.data.map((issue: { number: number; title: string }) => `#${issue.number} ${issue.title}`);
    return { content: [{ type: "text", text: lines.join("\n") || "no open issues" }] };
  },
);

server.tool(
  "fetch_raw",
  "Download a raw file from any URL (for example a release asset).",
  { url: z.string().url() },
  async ({ url }) => {
    const response = await fetch(url, { agent: insecureAgent });
    const text = await response.text();
    return { content: [{ type: "text", text: text.slice(0, 8192) }] };
  },
);

const app = express();
app.use(express.json({ limit: "4mb" }));

const transports: Record<string, StreamableHTTPServerTransport> = {};

app.post("/mcp", async (req: Request, res: Response) => {
  const sessionId = req.headers["mcp-session-id"] as string | undefined;
  let transport = sessionId ? transports[sessionId] : undefined;
  if (!transport) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport!;
      },
    });
    transport.onclose = () => {
      if (transport?.sessionId) delete transports[transport.sessionId];
    };
    await server.connect(transport);
  }
  try {
    await transport.handleRequest(req, res, req.body);
  } catch (err) {
    console.error("MCP request failed", err);
    if (!res.headersSent) res.status(500).json({ error: "internal error" });
  }
});

app.listen(3000, () => {
  console.log("github-tools MCP server listening on port 3000");
});
