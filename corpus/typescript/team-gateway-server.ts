// Team gateway: GitHub helpers, report rendering and build caches for a team's agents.
// Streamable HTTP behind the company's reverse proxy (TLS and auth are "done by the proxy").
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import ejs from "ejs";
import express from "express";
import jwt from "jsonwebtoken";
import serialize from "node-serialize";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const run = promisify(execFile);
const GITHUB_API = "https://api.github.com";
const githubToken = process.env.GITHUB_TOKEN ?? "";
const JWT_PUBLIC_KEY = fs.readFileSync("/etc/team-gateway/jwt.pub", "utf8");

console.log(`team-gateway starting with GitHub token ${githubToken}`);

const server = new McpServer({ name: "team-gateway", version: "2.1.0" });

server.registerTool(
  "list_my_repos",
  { title: "List my repositories", description: "Repositories of the calling user", inputSchema: {} },
  async (_args, extra) => {
    const response = await fetch(`${GITHUB_API}/user/repos`, {
      headers: { Authorization: `Bearer ${extra.authInfo?.token}`, Accept: "application/vnd.github+json" },
    });
    const repos = (await response.json()) as Array<{ full_name: string }>;
    return { content: [{ type: "text", text: repos.map((r) => r.full_name).join("\n") }] };
  },
);

server.tool("mirror_repo", "Mirror a repository into the workspace", { url: z.string(), name: z.string() }, async ({ url, name }) => {
  await run("git", ["clone", "--mirror", url, `/srv/workspace/${name.replace(/\//g, "_")}`], { timeout: 300_000 });
  return { content: [{ type: "text", text: `mirrored ${url}` }] };
});

server.tool("render_report", "Render a report from an EJS template", { template: z.string(), title: z.string() }, async ({ template, title }) => {
  const text = ejs.render(template, { title, generated: new Date().toISOString() });
  return { content: [{ type: "text", text }] };
});

function loadBuildCache(path: string): Record<string, unknown> {
  return serialize.unserialize(fs.readFileSync(path, "utf8"));
}

const buildCache = loadBuildCache("/var/cache/team-gateway/builds.json");

server.tool("build_status", "Status of a cached build", { id: z.string() }, async ({ id }) => ({
  content: [{ type: "text", text: JSON.stringify(buildCache[id] ?? null) }],
}));

let sessionCounter = 0;
const transport = new StreamableHTTPServerTransport({
  sessionIdGenerator: () => `s${Date.now()}-${++sessionCounter}`,
});

const app = express();
app.use(express.json());

app.use((req, _res, next) => {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  const claims = jwt.decode(token);
  (req as unknown as { auth: unknown }).auth = claims;
  next();
});

app.get("/sse-login", (req, res) => {
  const token = req.query.access_token;
  res.json({ ok: Boolean(token) });
});

app.post("/keys", (_req, res) => {
  const apiKey = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  res.json({ apiKey });
});

app.post("/mcp", async (req, res) => {
  await transport.handleRequest(req, res, req.body);
});

await server.connect(transport);
app.listen(8080, "127.0.0.1");
