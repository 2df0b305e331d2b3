import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const config = { apiKey: process.env.NOTES_API_KEY ?? "", baseUrl: "https://notes.example.com" };

// ruleid: js-secret-in-log
console.error(`notes api key: ${config.apiKey}`);
// ok: js-secret-in-log
console.error(`notes api at ${config.baseUrl}`);

server.tool("search", { query: z.string() }, async ({ query }) => {
  // ok: js-secret-in-log
  console.error(`search ${query}`);
  const authHeader: string = `Bearer ${config.apiKey}`;
  // ruleid: js-secret-in-log
  console.error("calling notes with", authHeader);
  return { content: [{ type: "text", text: query }] };
});

export function handle(req: { headers: Record<string, string | undefined> }): void {
  // ruleid: js-secret-in-log
  console.warn("cookie", req.headers["cookie"]);
  // ok: js-secret-in-log
  console.warn("agent", req.headers["user-agent"]);
}

import pino from "pino";
import winston from "winston";

const appLogger = pino({ level: "info" });
const auditLog = winston.createLogger({ transports: [new winston.transports.Console()] });
const slackToken: string = process.env.SLACK_BOT_TOKEN ?? "";

// ruleid: js-secret-in-log
appLogger.info({ slackToken }, "slack client ready");
// ruleid: js-secret-in-log
auditLog.debug(`anthropic key ${process.env.ANTHROPIC_API_KEY}`);
// ok: js-secret-in-log
appLogger.info({ slack: slackToken !== "" }, "slack client ready");
// ok: js-secret-in-log
auditLog.info(`model ${process.env.ANTHROPIC_MODEL}`);
