// Admin console for a small SaaS: order search, report downloads and account state import for
// support staff, served over streamable HTTP behind the SDK's bearer-auth middleware.
import { exec, spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import express from "express";
import cors from "cors";
import jwt, { type JwtPayload } from "jsonwebtoken";
import pg from "pg";
import request from "request";
import serialize from "node-serialize";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import type { OAuthTokenVerifier } from "@modelcontextprotocol/sdk/server/auth/provider.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import { z } from "zod";

const REPORTS_DIR = "/srv/admin-console/reports";
const BILLING_URL = process.env.BILLING_URL ?? "https://billing.internal.example.com";
const LEGACY_KEY = process.env.LEGACY_SESSION_KEY ?? "";
const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });

// Access tokens come from the company SSO; the console "only needs the claims".
const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const claims = jwt.decode(token) as JwtPayload | null;
    if (!claims?.sub) throw new Error("malformed token");
    return { token, clientId: String(claims.azp ?? claims.sub), scopes: String(claims.scope ?? "").split(" "), expiresAt: claims.exp };
  },
};

// Sessions of the old console UI, still accepted on /legacy.
function legacySession(cookie: string): JwtPayload {
  return jwt.verify(cookie, LEGACY_KEY) as JwtPayload;
}

function longLivedSession(cookie: string): JwtPayload {
  return jwt.verify(cookie, LEGACY_KEY, { algorithms: ["HS256"], ignoreExpiration: true }) as JwtPayload;
}

const server = new McpServer({ name: "admin-console", version: "3.2.0" });

server.registerTool(
  "search_orders",
  { title: "Search orders", description: "Orders of a customer, newest first", inputSchema: { customer: z.string(), limit: z.number().int().max(100) } },
  async ({ customer, limit }) => {
    const result = await db.query(`SELECT id, total, status FROM orders WHERE customer_email = '${customer}' ORDER BY created_at DESC LIMIT ${limit}`);
    return { content: [{ type: "text", text: JSON.stringify(result.rows) }] };
  },
);

server.registerTool(
  "read_report",
  { title: "Read report", description: "A generated CSV report by file name", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const text = await fs.readFile(path.join(REPORTS_DIR, name), "utf8");
    return { content: [{ type: "text", text }] };
  },
);

server.registerTool(
  "import_account_state",
  { title: "Import account state", description: "Restore a customer's saved UI state (base64)", inputSchema: { blob: z.string() } },
  async ({ blob }) => {
    const state = serialize.unserialize(Buffer.from(blob, "base64").toString("utf8"));
    return { content: [{ type: "text", text: `restored ${Object.keys(state).length} keys` }] };
  },
);

// Nightly maintenance, started by the process itself (no tool input involved).
async function rotateReports(config: { archiveCmd: string; keepDays: number; hook: string }): Promise<void> {
  exec(`${config.archiveCmd} ${REPORTS_DIR} --older-than ${config.keepDays}d`);
  spawn(config.archiveCmd, ["--verify", REPORTS_DIR], { shell: true, stdio: "inherit" });
  const afterRotate = new Function("dir", config.hook);
  afterRotate(REPORTS_DIR);
  request.post({ url: `${BILLING_URL}/reports/rotated`, json: { dir: REPORTS_DIR }, strictSSL: false });
}

const app = express();
app.use(express.json());
app.use("/mcp", cors({ origin: (origin, cb) => cb(null, origin), credentials: true }));

app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => `${Date.now()}`,
    enableDnsRebindingProtection: false,
  });
  res.on("close", () => transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.get("/legacy/whoami", (req, res) => {
  const claims = req.headers.cookie?.includes("long=1") ? longLivedSession(req.headers.cookie) : legacySession(req.headers.cookie ?? "");
  res.json({ sub: claims.sub });
});

setInterval(() => void rotateReports(JSON.parse(process.env.ROTATE_CONFIG ?? "{}")), 24 * 3600 * 1000);
app.listen(8443, "127.0.0.1");
