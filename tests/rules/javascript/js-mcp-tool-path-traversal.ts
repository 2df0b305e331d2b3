import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import * as fs from "node:fs";
import { promises as fsp } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const ROOT = path.resolve(process.env.FILES_ROOT ?? "/srv/files");
const server = new McpServer({ name: "files", version: "1.0.0" });

server.tool("read_file", { file: z.string() }, async ({ file }) => {
  // ruleid: js-mcp-tool-path-traversal
  const text = await fsp.readFile(file, "utf8");
  return { content: [{ type: "text", text }] };
});

server.registerTool(
  "read_in_root",
  { description: "Read a file below the root", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const full = path.join(ROOT, name);
    // ruleid: js-mcp-tool-path-traversal
    const text = fs.readFileSync(full, "utf8");
    return { content: [{ type: "text", text }] };
  },
);

server.tool("save_report", { name: z.string(), body: z.string() }, async ({ name, body }) => {
  const target = `${ROOT}/reports/${name}.md`;
  // ruleid: js-mcp-tool-path-traversal
  await fs.promises.writeFile(target, body);
  // ok: js-mcp-tool-path-traversal
  await fs.promises.appendFile(path.join(ROOT, "audit.log"), body);
  return { content: [{ type: "text", text: "saved" }] };
});

server.tool("remove", { target: z.string() }, async ({ target }) => {
  // ruleid: js-mcp-tool-path-traversal
  await rm(path.resolve(ROOT, target), { recursive: true, force: true });
  return { content: [{ type: "text", text: "removed" }] };
});

server.tool("rename", { from: z.string(), to: z.string() }, async ({ from, to }) => {
  // ruleid: js-mcp-tool-path-traversal
  await fsp.rename(path.join(ROOT, "inbox", "latest.txt"), to);
  // ruleid: js-mcp-tool-path-traversal
  const entries = await fsp.readdir(from);
  return { content: [{ type: "text", text: entries.join("\n") }] };
});

function loadNote(args: { note: string }) {
  const where = ROOT + "/notes/" + args.note;
  // ruleid: js-mcp-tool-path-traversal
  return readFile(where, "utf8");
}

server.tool("note", { note: z.string() }, async (args) => {
  return { content: [{ type: "text", text: await loadNote(args) }] };
});

server.resource("file", new ResourceTemplate("file:///{name}", { list: undefined }), async (uri, { name }) => {
  // ruleid: js-mcp-tool-path-traversal
  const stream = fs.createReadStream(path.join(ROOT, String(name)));
  return { contents: [{ uri: uri.href, text: String(stream.bytesRead) }] };
});

server.tool("basename", { file: z.string() }, async ({ file }) => {
  // ok: js-mcp-tool-path-traversal
  const text = await fsp.readFile(path.join(ROOT, path.basename(file)), "utf8");
  return { content: [{ type: "text", text }] };
});

server.tool("rotated", { n: z.string() }, async ({ n }) => {
  const index = Number(n);
  // ok: js-mcp-tool-path-traversal
  const text = fs.readFileSync(`${ROOT}/app.log.${index}`, "utf8");
  // ok: js-mcp-tool-path-traversal
  const host = fs.readFileSync("/etc/hostname", "utf8");
  return { content: [{ type: "text", text: text + host }] };
});

function confine(relative: string): string {
  const resolved = path.resolve(ROOT, relative);
  const rel = path.relative(ROOT, resolved);
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error("outside the root");
  return resolved;
}

server.tool("confined", { file: z.string() }, async ({ file }) => {
  // ok: js-mcp-tool-path-traversal
  const text = await fsp.readFile(confine(file), "utf8");
  return { content: [{ type: "text", text }] };
});

server.tool("inline_check", { file: z.string() }, async ({ file }) => {
  const resolved = path.resolve(ROOT, file);
  if (!resolved.startsWith(ROOT + path.sep)) throw new Error("outside the root");
  // ok: js-mcp-tool-path-traversal
  const text = await fsp.readFile(resolved, "utf8");
  return { content: [{ type: "text", text }] };
});

function notReachable(file: string) {
  // ok: js-mcp-tool-path-traversal
  return fs.readFileSync(file, "utf8");
}
