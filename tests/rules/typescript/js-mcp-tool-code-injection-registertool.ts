import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import vm from "node:vm";
import { z } from "zod";

const server = new McpServer({ name: "transform", version: "1.0.0" });

server.registerTool(
  "transform",
  {
    description: "Apply a JavaScript expression to each record.",
    inputSchema: { expr: z.string(), records: z.array(z.record(z.unknown())) },
  },
  async ({ expr, records }: { expr: string; records: Record<string, unknown>[] }) => {
    // ruleid: js-mcp-tool-code-injection
    const fn = new Function("r", `return (${expr});`) as (r: unknown) => unknown;
    // ruleid: js-mcp-tool-code-injection
    const check = vm.runInNewContext(expr, { r: records[0] }) as unknown;
    return { content: [{ type: "text" as const, text: JSON.stringify(records.map(fn)) + String(check) }] };
  },
);

server.registerTool(
  "sum",
  { description: "Sum a list of numbers given as JSON.", inputSchema: { json: z.string() } },
  async ({ json }: { json: string }) => {
    // ok: js-mcp-tool-code-injection
    const values = JSON.parse(json) as number[];
    // ok: js-mcp-tool-code-injection
    const total = eval("0");
    return { content: [{ type: "text" as const, text: String(values.reduce((a, b) => a + b, total)) }] };
  },
);
