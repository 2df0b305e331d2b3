const Handlebars = require("handlebars");
const pug = require("pug");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { z } = require("zod");

const server = new McpServer({ name: "mailer", version: "1.0.0" });
const WELCOME = Handlebars.compile("Hello {{name}}!");

server.tool("compose", { layout: z.string(), name: z.string() }, async ({ layout, name }) => {
  // ruleid: js-mcp-tool-template-injection
  const render = pug.compile(layout);
  // ok: js-mcp-tool-template-injection
  const greeting = WELCOME({ name });
  return { content: [{ type: "text", text: render({ name }) + greeting }] };
});
