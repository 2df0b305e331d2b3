const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const child_process = require("child_process");

const server = new Server({ name: "ops", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "ping": {
      const host = args.host;
      // ruleid: js-mcp-tool-command-injection
      const out = child_process.execSync("ping -c 1 " + host);
      return { content: [{ type: "text", text: String(out) }] };
    }
    case "uptime":
      // ok: js-mcp-tool-command-injection
      return { content: [{ type: "text", text: String(child_process.execSync("uptime")) }] };
    default: {
      const pattern = /^(\d+)$/;
      // ok: js-mcp-tool-command-injection
      const m = pattern.exec(String(args.n));
      return { content: [{ type: "text", text: String(m) }] };
    }
  }
});
