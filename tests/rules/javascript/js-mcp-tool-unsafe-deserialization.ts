import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import serialize from "node-serialize";
import { z } from "zod";

const server = new McpServer({ name: "state", version: "1.0.0" });
const SAVED = '{"theme":"dark"}';

server.tool("restore", { blob: z.string() }, async ({ blob }) => {
  const text = Buffer.from(blob, "base64").toString("utf8");
  // ruleid: js-mcp-tool-unsafe-deserialization
  const state = serialize.unserialize(text);
  return { content: [{ type: "text", text: JSON.stringify(state) }] };
});

server.registerTool(
  "import_state",
  { description: "Import saved state", inputSchema: { payload: z.string() } },
  async ({ payload }) => {
    // ruleid: js-mcp-tool-unsafe-deserialization
    const state = serialize.unserialize(`{"v":1,"data":${payload}}`);
    return { content: [{ type: "text", text: String(state) }] };
  },
);

function revive(args: { data: string }) {
  // ruleid: js-mcp-tool-unsafe-deserialization
  return serialize.unserialize(args.data);
}

server.tool("revive", { data: z.string() }, async (args) => {
  return { content: [{ type: "text", text: String(revive(args)) }] };
});

server.resource("state", new ResourceTemplate("state://{blob}", { list: undefined }), async (uri, { blob }) => {
  // ruleid: js-mcp-tool-unsafe-deserialization
  return { contents: [{ uri: uri.href, text: String(serialize.unserialize(String(blob))) }] };
});

server.tool("settings", { payload: z.string() }, async ({ payload }) => {
  // ok: js-mcp-tool-unsafe-deserialization
  const saved = serialize.unserialize(SAVED);
  // ok: js-mcp-tool-unsafe-deserialization
  const parsed = JSON.parse(payload);
  return { content: [{ type: "text", text: JSON.stringify([saved, parsed]) }] };
});

function notReachable(payload: string) {
  // ok: js-mcp-tool-unsafe-deserialization
  return serialize.unserialize(payload);
}
