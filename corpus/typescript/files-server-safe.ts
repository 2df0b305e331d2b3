/**
 * Files MCP server.
 *
 * Read-only access to a single project directory for an assistant: list,
 * read and identify files, plus a status check of the backup service.
 * Every path is resolved and confined to ROOT; commands run without a shell.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

import { z } from "zod";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const execFileAsync = promisify(execFile);

const ROOT = path.resolve(process.env.FILES_ROOT ?? process.cwd());
const BACKUP_STATUS_URL = process.env.BACKUP_STATUS_URL ?? "https://backup.example.com/v1/status";
const MAX_BYTES = 256 * 1024;

class AccessError extends Error {}

/** Resolve a client-supplied relative path and refuse anything outside ROOT. */
function confine(relative: string): string {
  const resolved = path.resolve(ROOT, relative);
  const rel = path.relative(ROOT, resolved);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    throw new AccessError(`path is outside the project: ${relative}`);
  }
  return resolved;
}

function text(value: string) {
  return { content: [{ type: "text" as const, text: value }] };
}

const server = new McpServer({ name: "project-files", version: "0.9.0" });

server.registerTool(
  "list_directory",
  {
    title: "List directory",
    description: "List the entries of a directory inside the project.",
    inputSchema: { dir: z.string().default(".") },
    annotations: { readOnlyHint: true },
  },
  async ({ dir }) => {
    const entries = await fs.readdir(confine(dir), { withFileTypes: true });
    const lines = entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
    return text(lines.join("\n") || "(empty)");
  },
);

server.registerTool(
  "read_file",
  {
    title: "Read file",
    description: "Read a UTF-8 text file inside the project (first 256 KB).",
    inputSchema: { file: z.string() },
    annotations: { readOnlyHint: true },
  },
  async ({ file }) => {
    const target = confine(file);
    const real = await fs.realpath(target);
    confine(path.relative(ROOT, real));
    const handle = await fs.open(real, "r");
    try {
      const buffer = Buffer.alloc(MAX_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, MAX_BYTES, 0);
      return text(buffer.subarray(0, bytesRead).toString("utf8"));
    } finally {
      await handle.close();
    }
  },
);

server.registerTool(
  "identify_file",
  {
    title: "Identify file type",
    description: "Report the type of a file inside the project using file(1).",
    inputSchema: { file: z.string() },
    annotations: { readOnlyHint: true },
  },
  async ({ file }) => {
    const target = confine(file);
    const { stdout } = await execFileAsync("file", ["--brief", "--", target], { timeout: 5000 });
    return text(stdout.trim());
  },
);

server.registerTool(
  "backup_status",
  {
    title: "Backup status",
    description: "Show when the project directory was last backed up.",
    inputSchema: {},
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  async () => {
    const response = await fetch(BACKUP_STATUS_URL, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) {
      return { ...text(`backup service returned HTTP ${response.status}`), isError: true };
    }
    const status = (await response.json()) as { lastBackup?: string };
    return text(`last backup: ${status.lastBackup ?? "unknown"}`);
  },
);

async function main(): Promise<void> {
  const transport = new StdioServerTransport();
  await server.connect(transport);
  console.error(`project-files MCP server ready (root: ${ROOT})`);
}

main().catch((err) => {
  console.error("fatal:", err);
  process.exit(1);
});
