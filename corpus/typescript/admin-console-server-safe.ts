// Admin console (safe variant): the same jobs as admin-console-server.ts without its flaws.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import express from "express";
import cors from "cors";
import jwt, { type JwtPayload } from "jsonwebtoken";
import pg from "pg";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import type { OAuthTokenVerifier } from "@modelcontextprotocol/sdk/server/auth/provider.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { z } from "zod";

const run = promisify(execFile);
const REPORTS_DIR = "/srv/admin-console/reports";
const BILLING_URL = process.env.BILLING_URL ?? "https://billing.internal.example.com";
const SSO_PUBLIC_KEY = await fs.readFile("/etc/admin-console/sso.pub", "utf8");
const LEGACY_KEY = process.env.LEGACY_SESSION_KEY ?? "";
const AUDIENCE = "https://admin.example.com/mcp";
const ALLOWED_ORIGINS = new Set(["https://admin.example.com"]);
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });

const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const claims = jwt.verify(token, SSO_PUBLIC_KEY, { algorithms: ["RS256"], audience: AUDIENCE }) as JwtPayload;
    return { token, clientId: String(claims.azp ?? claims.sub), scopes: String(claims.scope ?? "").split(" "), expiresAt: claims.exp };
  },
};

function legacySession(cookie: string): JwtPayload {
  return jwt.verify(cookie, LEGACY_KEY, { algorithms: ["HS256"], maxAge: "8h" }) as JwtPayload;
}

// The UI refreshes its token a minute before it expires; the server never trusts this value.
function refreshDelayMs(token: string): number {
  const decoded = jwt.decode(token) as JwtPayload | null;
  if (decoded && decoded.exp) return Math.max(0, decoded.exp * 1000 - Date.now() - 60_000);
  return 0;
}

const server = new McpServer({ name: "admin-console", version: "3.2.0" });

server.registerTool(
  "search_orders",
  { title: "Search orders", description: "Orders of a customer, newest first", inputSchema: { customer: z.string().email(), limit: z.number().int().max(100) } },
  async ({ customer, limit }) => {
    const result = await db.query("SELECT id, total, status FROM orders WHERE customer_email = $1 ORDER BY created_at DESC LIMIT $2", [customer, limit]);
    return { content: [{ type: "text", text: JSON.stringify(result.rows) }] };
  },
);

server.registerTool(
  "read_report",
  { title: "Read report", description: "A generated CSV report by file name", inputSchema: { name: z.string().regex(/^[\w.-]+\.csv$/) } },
  async ({ name }) => {
    const text = await fs.readFile(path.join(REPORTS_DIR, path.basename(name)), "utf8");
    return { content: [{ type: "text", text }] };
  },
);

server.registerTool(
  "import_account_state",
  { title: "Import account state", description: "Restore a customer's saved UI state (base64 JSON)", inputSchema: { blob: z.string() } },
  async ({ blob }) => {
    const state = JSON.parse(Buffer.from(blob, "base64").toString("utf8")) as Record<string, unknown>;
    return { content: [{ type: "text", text: `restored ${Object.keys(state).length} keys` }] };
  },
);

async function rotateReports(keepDays: number): Promise<void> {
  await run("/usr/local/bin/archive-reports", [REPORTS_DIR, "--older-than", `${keepDays}d`]);
  await fetch(`${BILLING_URL}/reports/rotated`, { method: "POST", body: JSON.stringify({ dir: REPORTS_DIR }) });
}

const app = express();
app.use(express.json());
app.use("/mcp", cors({ origin: (origin, cb) => cb(null, ALLOWED_ORIGINS.has(origin ?? "")), credentials: true }));

app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableDnsRebindingProtection: true,
    allowedHosts: ["127.0.0.1:8443", "admin.example.com"],
    allowedOrigins: [...ALLOWED_ORIGINS],
  });
  res.on("close", () => transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get("/legacy/whoami", (req, res) => {
  const token = req.headers.cookie ?? "";
  res.json({ sub: legacySession(token).sub, refreshInMs: refreshDelayMs(token) });
});

setInterval(() => void rotateReports(30), 24 * 3600 * 1000);
app.listen(8443, "127.0.0.1");
