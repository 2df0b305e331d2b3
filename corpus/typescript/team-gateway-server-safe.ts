// Team gateway (safe variant): the same jobs as team-gateway-server.ts without its flaws.
import { execFile } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import { promisify } from "node:util";
import ejs from "ejs";
import express from "express";
import jwt from "jsonwebtoken";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const run = promisify(execFile);
const GITHUB_API = "https://api.github.com";
const githubToken = process.env.GITHUB_TOKEN ?? "";
const JWT_PUBLIC_KEY = fs.readFileSync("/etc/team-gateway/jwt.pub", "utf8");
const AUDIENCE = "https://gateway.example.com";
const REPORT = ejs.compile(fs.readFileSync("/srv/team-gateway/templates/report.ejs", "utf8"));
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

console.log(`team-gateway starting, GitHub token configured: ${Boolean(githubToken)}`);
console.log(`token fingerprint ${createHash("sha256").update(githubToken).digest("hex").slice(0, 8)}`);

const server = new McpServer({ name: "team-gateway", version: "2.1.0" });

server.registerTool(
  "list_team_repos",
  { title: "List team repositories", description: "Repositories of an organisation", inputSchema: { org: z.string().regex(NAME) } },
  async ({ org }) => {
    const response = await fetch(`${GITHUB_API}/orgs/${encodeURIComponent(org)}/repos`, {
      headers: { Authorization: `Bearer ${githubToken}`, Accept: "application/vnd.github+json" },
    });
    console.error(`listed ${org} -> HTTP ${response.status}`);
    const repos = (await response.json()) as Array<{ full_name: string }>;
    return { content: [{ type: "text", text: repos.map((r) => r.full_name).join("\n") }] };
  },
);

server.tool("mirror_repo", "Mirror a repository into the workspace", { url: z.string().url(), name: z.string().regex(NAME) }, async ({ url, name }) => {
  await run("git", ["clone", "--mirror", "--", url, `/srv/workspace/${name}`], { timeout: 300_000 });
  return { content: [{ type: "text", text: `mirrored ${url}` }] };
});

server.tool("render_report", "Render the standard report", { title: z.string(), rows: z.array(z.string()) }, async ({ title, rows }) => {
  const text = REPORT({ title, rows, generated: new Date().toISOString() });
  return { content: [{ type: "text", text }] };
});

const buildCache = JSON.parse(fs.readFileSync("/var/cache/team-gateway/builds.json", "utf8")) as Record<string, unknown>;

server.tool("build_status", "Status of a cached build", { id: z.string() }, async ({ id }) => ({
  content: [{ type: "text", text: JSON.stringify(buildCache[id] ?? null) }],
}));

const transport = new StreamableHTTPServerTransport({
  sessionIdGenerator: () => randomUUID(),
  enableDnsRebindingProtection: true,
  allowedHosts: ["127.0.0.1:8080", "localhost:8080"],
});

const app = express();
app.use(express.json());

app.use((req, res, next) => {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  try {
    const claims = jwt.verify(token, JWT_PUBLIC_KEY, { algorithms: ["RS256"], audience: AUDIENCE });
    (req as unknown as { auth: unknown }).auth = claims;
    next();
  } catch {
    res.status(401).json({ error: "invalid_token" });
  }
});

app.post("/keys", (_req, res) => {
  const apiKey = randomBytes(32).toString("base64url");
  res.json({ apiKey });
});

app.post("/mcp", async (req, res) => {
  await transport.handleRequest(req, res, req.body);
});

await server.connect(transport);
app.listen(8080, "127.0.0.1");
