const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const fs = require("fs");
const path = require("path");

const LOG_DIR = "/var/log/app";
const server = new Server({ name: "logs", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "tail": {
      const file = path.join(LOG_DIR, args.file);
      // ruleid: js-mcp-tool-path-traversal
      const text = fs.readFileSync(file, "utf8");
      return { content: [{ type: "text", text: text.slice(-4096) }] };
    }
    case "purge":
      // ruleid: js-mcp-tool-path-traversal
      fs.unlinkSync(`${LOG_DIR}/${args.file}`);
      return { content: [{ type: "text", text: "purged" }] };
    case "archive":
      // ruleid: js-mcp-tool-path-traversal
      fs.copyFileSync(path.join(LOG_DIR, "current.log"), args.destination);
      return { content: [{ type: "text", text: "archived" }] };
    case "stream":
      // ruleid: js-mcp-tool-path-traversal
      return { content: [{ type: "text", text: String(require("fs").createReadStream(args.file).path) }] };
    case "list":
      // ok: js-mcp-tool-path-traversal
      return { content: [{ type: "text", text: fs.readdirSync(LOG_DIR).join("\n") }] };
    case "safe":
      // ok: js-mcp-tool-path-traversal
      return { content: [{ type: "text", text: fs.readFileSync(path.join(LOG_DIR, path.basename(args.file)), "utf8") }] };
    default:
      throw new Error(`unknown tool ${name}`);
  }
});

function unused(file) {
  // ok: js-mcp-tool-path-traversal
  return fs.readFileSync(file, "utf8");
}
