// Inline containment checks (TypeScript, ESM, functions imported by name).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join, normalize, relative, resolve, sep } from "node:path";
import { z } from "zod";

const ROOT: string = resolve(process.env.DATA_ROOT ?? "/srv/data");
const server = new McpServer({ name: "data", version: "1.0.0" });

server.registerTool(
  "read_data",
  { description: "Read a data file", inputSchema: { name: z.string() } },
  async ({ name }: { name: string }) => {
    const target: string = resolve(ROOT, name);
    if (!target.startsWith(ROOT + sep)) {
      throw new Error(`outside the data root: ${name}`);
    }
    // ok: js-mcp-tool-path-traversal
    const text = await readFile(target, "utf8");
    return { content: [{ type: "text" as const, text }] };
  },
);

server.registerTool(
  "write_data",
  { description: "Write a data file", inputSchema: { name: z.string(), body: z.string() } },
  async ({ name, body }) => {
    const target = normalize(join(ROOT, name));
    const rel = relative(ROOT, target);
    if (rel.startsWith("..")) throw new Error("outside the data root");
    // ok: js-mcp-tool-path-traversal
    await writeFile(target, body);
    return { content: [{ type: "text" as const, text: "saved" }] };
  },
);

server.registerTool(
  "remove_data",
  { description: "Remove a data file", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const target = resolve(ROOT, name);
    if (!target.startsWith(ROOT + sep)) {
      console.error(`refusing ${target}`);
    }
    // ruleid: js-mcp-tool-path-traversal
    await rm(target, { force: true });
    return { content: [{ type: "text" as const, text: "removed" }] };
  },
);

server.registerTool(
  "copy_data",
  { description: "Read a data file under a prefix", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const full = `${ROOT}/${name}`;
    if (!full.startsWith(ROOT)) throw new Error("outside the data root");
    // A template string is not normalised: `../` walks out.
    // ruleid: js-mcp-tool-path-traversal
    const text = await readFile(full, "utf8");
    return { content: [{ type: "text" as const, text }] };
  },
);

server.registerTool(
  "peek_data",
  { description: "Read a data file if it is inside the root", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const target = resolve(ROOT, name);
    if (target.startsWith(ROOT + sep) && name.length < 200) {
      // ok: js-mcp-tool-path-traversal
      return { content: [{ type: "text" as const, text: await readFile(target, "utf8") }] };
    }
    return { content: [], isError: true };
  },
);

server.registerTool(
  "peek_either",
  { description: "Read a data file", inputSchema: { name: z.string(), trusted: z.boolean() } },
  async ({ name, trusted }) => {
    const target = resolve(ROOT, name);
    if (target.startsWith(ROOT + sep) || trusted) {
      // `trusted` alone lets any path through.
      // ruleid: js-mcp-tool-path-traversal
      return { content: [{ type: "text" as const, text: await readFile(target, "utf8") }] };
    }
    return { content: [], isError: true };
  },
);
