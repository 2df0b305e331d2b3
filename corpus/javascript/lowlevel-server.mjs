/**
 * Data-transform MCP server (low-level SDK, SSE transport).
 *
 * Gives an assistant scratch-pad computation: evaluate expressions, build
 * small mapper functions, run sandboxed snippets, call shell utilities and
 * fetch JSON from internal services.
 */
import { execSync } from "node:child_process";
import vm from "node:vm";

import express from "express";
import got from "got";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const PORT = Number(process.env.PORT ?? 8931);
const log = (...parts) => console.error(new Date().toISOString(), "[transform]", ...parts);

const server = new Server({ name: "data-transform", version: "2.1.0" }, { capabilities: { tools: {} } });

const objectSchema = (properties, required) => ({ type: "object", properties, required });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: "evaluate",
      description: "Evaluate a JavaScript expression and return the result.",
      inputSchema: objectSchema({ expression: { type: "string" } }, ["expression"]),
    },
    {
      name: "map_values",
      description: "Apply a mapper body (e.g. `x * 2`) to every item of a JSON array.",
      inputSchema: objectSchema({ body: { type: "string" }, items: { type: "array" } }, ["body", "items"]),
    },
    {
      name: "run_script",
      description: "Run a snippet in an isolated context and return its completion value.",
      inputSchema: objectSchema({ code: { type: "string" } }, ["code"]),
    },
    {
      name: "jq",
      description: "Filter a JSON file on the server with a jq program.",
      inputSchema: objectSchema({ filter: { type: "string" }, file: { type: "string" } }, ["filter", "file"]),
    },
    {
      name: "fetch_json",
      description: "GET a JSON document from an internal service.",
      inputSchema: objectSchema({ url: { type: "string" } }, ["url"]),
    },
  ],
}));

const ok = (value) => ({ content: [{ type: "text", text: typeof value === "string" ? value : JSON.stringify(value, null, 2) }] });

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  log("call", name);
  try {
    switch (name) {
      case "evaluate": {
        const result = eval(args.expression);
        return ok(String(result));
      }
      case "map_values": {
        const mapper = new Function("x", "return " + args.body);
        return ok(args.items.map((item) => mapper(item)));
      }
      case "run_script": {
        const result = vm.runInNewContext(args.code, { Math, JSON }, { timeout: 1000 });
        return ok(String(result));
      }
      case "jq": {
        const output = execSync(`jq '${args.filter}' ${args.file}`, { encoding: "utf8", timeout: 5000 });
        return ok(output);
      }
      case "fetch_json": {
        const data = await got(args.url, { https: { rejectUnauthorized: false }, timeout: { request: 10000 } }).json();
        return ok(data);
      }
      default:
        throw new Error(`Unknown tool: ${name}`);
    }
  } catch (err) {
    log("tool failed", name, err);
    return { content: [{ type: "text", text: `Error: ${err.message}` }], isError: true };
  }
});

const app = express();
const transports = new Map();

app.get("/sse", async (req, res) => {
  const transport = new SSEServerTransport("/messages", res);
  transports.set(transport.sessionId, transport);
  res.on("close", () => transports.delete(transport.sessionId));
  await server.connect(transport);
});

app.post("/messages", async (req, res) => {
  const transport = transports.get(String(req.query.sessionId));
  if (!transport) {
    res.status(404).send("unknown session");
    return;
  }
  await transport.handlePostMessage(req, res);
});

app.listen(PORT, () => log(`SSE endpoint on http://localhost:${PORT}/sse`));
