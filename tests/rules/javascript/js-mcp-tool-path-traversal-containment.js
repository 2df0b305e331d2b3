// Inline containment checks (CommonJS): a path normalised and then checked against the root.
const fs = require("node:fs");
const path = require("node:path");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");

const ROOT = path.resolve(process.env.FILES_ROOT || "/srv/files");
const server = new McpServer({ name: "files", version: "1.0.0" });

server.tool("read_checked", { file: z.string() }, async ({ file }) => {
  const target = path.resolve(ROOT, file);
  if (!target.startsWith(ROOT + path.sep)) {
    throw new Error("outside the root");
  }
  // ok: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(target, "utf8") }] };
});

server.tool("read_returns", { file: z.string() }, async ({ file }) => {
  const target = path.join(ROOT, file);
  if (!target.startsWith(ROOT + path.sep)) return { content: [], isError: true };
  // ok: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(target, "utf8") }] };
});

server.tool("read_logged_only", { file: z.string() }, async ({ file }) => {
  const target = path.resolve(ROOT, file);
  if (!target.startsWith(ROOT + path.sep)) console.warn("outside the root", target);
  // ruleid: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(target, "utf8") }] };
});

server.tool("read_other_variable", { file: z.string() }, async ({ file }) => {
  const target = path.resolve(ROOT, file);
  if (!target.startsWith(ROOT + path.sep)) throw new Error("outside the root");
  // ruleid: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(ROOT + "/" + file, "utf8") }] };
});

server.tool("read_startswith_raw", { file: z.string() }, async ({ file }) => {
  if (!file.startsWith(ROOT)) throw new Error("outside the root");
  // "/srv/files/../../etc/passwd" starts with the root: `..` is not normalised.
  // ruleid: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(file, "utf8") }] };
});

server.tool("read_positive", { file: z.string() }, async ({ file }) => {
  const target = path.resolve(ROOT, file);
  if (target.startsWith(ROOT + path.sep)) {
    // ok: js-mcp-tool-path-traversal
    return { content: [{ type: "text", text: fs.readFileSync(target, "utf8") }] };
  }
  // ruleid: js-mcp-tool-path-traversal
  fs.unlinkSync(target);
  return { content: [] };
});

server.tool("read_relative", { file: z.string() }, async ({ file }) => {
  const rel = path.relative(ROOT, path.resolve(ROOT, file));
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error("outside the root");
  // The check is on `rel`, computed from an expression, not from `file`.
  // ruleid: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(path.join(ROOT, file), "utf8") }] };
});

server.tool("read_relative_var", { file: z.string() }, async ({ file }) => {
  const target = path.resolve(ROOT, file);
  const rel = path.relative(ROOT, target);
  if (rel === ".." || rel.startsWith(".." + path.sep) || path.isAbsolute(rel)) {
    throw new Error("outside the root");
  }
  // ok: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(target, "utf8") }] };
});

server.tool("read_realpath", { file: z.string() }, async ({ file }) => {
  const target = await fs.promises.realpath(path.join(ROOT, file));
  if (!target.startsWith(ROOT + path.sep)) throw new Error("outside the root");
  // ok: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: await fs.promises.readFile(target, "utf8") }] };
});

server.tool("read_and", { file: z.string(), force: z.boolean() }, async ({ file, force }) => {
  const target = path.resolve(ROOT, file);
  if (!target.startsWith(ROOT + path.sep) && !force) throw new Error("outside the root");
  // `force` skips the check.
  // ruleid: js-mcp-tool-path-traversal
  return { content: [{ type: "text", text: fs.readFileSync(target, "utf8") }] };
});
