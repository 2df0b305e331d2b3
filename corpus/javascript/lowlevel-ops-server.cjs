/**
 * On-call helper MCP server (low-level SDK, CommonJS, stdio).
 *
 * Lets an assistant look at a host the way an on-call engineer would: tail service logs,
 * read configuration, check unit status, probe health endpoints and disk usage.
 */
"use strict";

const { execFile, exec } = require("node:child_process");
const fs = require("node:fs/promises");
const path = require("node:path");
const { promisify } = require("node:util");

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { CallToolRequestSchema, ListToolsRequestSchema } = require("@modelcontextprotocol/sdk/types.js");

const execFileAsync = promisify(execFile);
const LOG_ROOT = path.resolve(process.env.LOG_ROOT || "/var/log/services");
const CONFIG_DIR = process.env.CONFIG_DIR || "/etc/services";
const MAX_BYTES = 64 * 1024;

const server = new Server({ name: "oncall-helper", version: "0.4.2" }, { capabilities: { tools: {} } });

const str = (description) => ({ type: "string", description });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "tail_log", description: "Last lines of a service log.", inputSchema: { type: "object", properties: { file: str("log file below the log root"), lines: { type: "number" } }, required: ["file"] } },
    { name: "read_config", description: "Read a service configuration file.", inputSchema: { type: "object", properties: { file: str("file name") }, required: ["file"] } },
    { name: "unit_status", description: "systemd status of a unit.", inputSchema: { type: "object", properties: { unit: str("unit name") }, required: ["unit"] } },
    { name: "disk_free", description: "Free space of a mount point.", inputSchema: { type: "object", properties: { mount: str("mount point") }, required: ["mount"] } },
    { name: "probe", description: "GET a health endpoint and return its status.", inputSchema: { type: "object", properties: { url: str("endpoint URL") }, required: ["url"] } },
  ],
}));

function text(value) {
  return { content: [{ type: "text", text: String(value) }] };
}

async function tailLog(file, lines) {
  const target = path.resolve(LOG_ROOT, file);
  if (!target.startsWith(LOG_ROOT + path.sep)) {
    throw new Error(`not a log file: ${file}`);
  }
  const data = await fs.readFile(target, "utf8");
  return data.split("\n").slice(-Math.min(Number(lines) || 50, 500)).join("\n");
}

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "tail_log":
      return text(await tailLog(args.file, args.lines));
    case "read_config": {
      const data = await fs.readFile(path.join(CONFIG_DIR, args.file), "utf8");
      return text(data.slice(0, MAX_BYTES));
    }
    case "unit_status": {
      const out = await new Promise((resolve, reject) => {
        exec(`systemctl status --no-pager ${args.unit}`, (err, stdout) => (err && !stdout ? reject(err) : resolve(stdout)));
      });
      return text(out);
    }
    case "disk_free": {
      const { stdout } = await execFileAsync("df", ["-h", "--", args.mount]);
      return text(stdout);
    }
    case "probe": {
      const res = await fetch(args.url, { signal: AbortSignal.timeout(5000) });
      return text(`${res.status} ${res.statusText}`);
    }
    default:
      throw new Error(`unknown tool: ${name}`);
  }
});

async function main() {
  await server.connect(new StdioServerTransport());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
