import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import vm from "node:vm";
import { z } from "zod";

const server = new McpServer({ name: "calc", version: "1.0.0" });

server.tool("evaluate", { expression: z.string() }, async ({ expression }) => {
  // ruleid: js-mcp-tool-code-injection
  const value = eval(expression);
  return { content: [{ type: "text", text: String(value) }] };
});

server.tool("mapper", { body: z.string() }, async ({ body }) => {
  // ruleid: js-mcp-tool-code-injection
  const fn = new Function("x", "return " + body);
  // ruleid: js-mcp-tool-code-injection
  const out = vm.runInNewContext(`(${body})(1)`, {});
  return { content: [{ type: "text", text: String(fn(1)) + String(out) }] };
});

server.tool("parse", { data: z.string() }, async ({ data }) => {
  // ok: js-mcp-tool-code-injection
  const parsed = JSON.parse(data);
  // ok: js-mcp-tool-code-injection
  const two = eval("1 + 1");
  // ok: js-mcp-tool-code-injection
  const n = eval(String(Number(data)));
  return { content: [{ type: "text", text: JSON.stringify(parsed) + two + n }] };
});

function notATool(src) {
  // ok: js-mcp-tool-code-injection
  return eval(src);
}
