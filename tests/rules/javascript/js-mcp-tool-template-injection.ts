import fs from "node:fs";
import ejs from "ejs";
import Handlebars from "handlebars";
import _ from "lodash";
import nunjucks from "nunjucks";
import pug from "pug";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "reports", version: "1.0.0" });
const REPORT = fs.readFileSync("/srv/templates/report.ejs", "utf8");

server.tool("render_report", { template: z.string(), title: z.string() }, async ({ template, title }) => {
  // ruleid: js-mcp-tool-template-injection
  const html = ejs.render(template, { title });
  // ok: js-mcp-tool-template-injection
  const safe = ejs.render(REPORT, { title, body: template });
  return { content: [{ type: "text", text: html + safe }] };
});

server.tool("preview", { body: z.string() }, async ({ body }) => {
  const source = `<h1>Preview</h1>\n${body}`;
  // ruleid: js-mcp-tool-template-injection
  const render = Handlebars.compile(source);
  // ruleid: js-mcp-tool-template-injection
  const page = pug.render(body);
  return { content: [{ type: "text", text: render({}) + page }] };
});

server.registerTool("format", { inputSchema: { pattern: z.string(), name: z.string() } }, async ({ pattern, name }) => {
  // ruleid: js-mcp-tool-template-injection
  const text = _.template(pattern)({ name });
  // ruleid: js-mcp-tool-template-injection
  const other = nunjucks.renderString(pattern, { name });
  // ok: js-mcp-tool-template-injection
  const fixed = nunjucks.renderString("Hello {{ name }}", { name });
  return { content: [{ type: "text", text: text + other + fixed }] };
});
