const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const { unserialize } = require("node-serialize");

const server = new Server({ name: "state", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === "restore") {
    const payload = args.payload;
    // ruleid: js-mcp-tool-unsafe-deserialization
    const state = unserialize(payload);
    return { content: [{ type: "text", text: JSON.stringify(state) }] };
  }
  // ok: js-mcp-tool-unsafe-deserialization
  const defaults = unserialize('{"theme":"dark"}');
  return { content: [{ type: "text", text: JSON.stringify(defaults) }] };
});

function unused(payload) {
  // ok: js-mcp-tool-unsafe-deserialization
  return unserialize(payload);
}
