const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { CallToolRequestSchema } = require("@modelcontextprotocol/sdk/types.js");
const http = require("http");
const undici = require("undici");

const server = new Server({ name: "net", version: "1.0.0" }, { capabilities: { tools: {} } });
const HEALTH = "http://127.0.0.1:8080/health";

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  switch (name) {
    case "get": {
      const url = args.url;
      // ruleid: js-mcp-tool-ssrf
      const { body } = await undici.request(url);
      return { content: [{ type: "text", text: await body.text() }] };
    }
    case "ping":
      // ruleid: js-mcp-tool-ssrf
      http.get(`http://${args.host}/ping`, (res) => res.resume());
      return { content: [{ type: "text", text: "sent" }] };
    case "request":
      // ruleid: js-mcp-tool-ssrf
      http.request({ host: args.host, port: 80, path: "/" }).end();
      return { content: [{ type: "text", text: "sent" }] };
    case "health":
      // ok: js-mcp-tool-ssrf
      http.get(HEALTH, (res) => res.resume());
      return { content: [{ type: "text", text: "ok" }] };
    default:
      throw new Error(`unknown tool ${name}`);
  }
});

function unused(url) {
  // ok: js-mcp-tool-ssrf
  return http.get(url);
}
