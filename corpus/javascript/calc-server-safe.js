/**
 * Calculator MCP server (CommonJS, stdio).
 *
 * Small arithmetic and unit-conversion helpers. Input is parsed with regular
 * expressions and JSON.parse; nothing is evaluated as code.
 */
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");

const BINARY_OP = /^\s*(-?\d+(?:\.\d+)?)\s*([-+*/%])\s*(-?\d+(?:\.\d+)?)\s*$/;
const QUANTITY = /^\s*(-?\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i;

const LENGTH_IN_METRES = { mm: 0.001, cm: 0.01, m: 1, km: 1000, in: 0.0254, ft: 0.3048, mi: 1609.344 };

const OPERATIONS = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => {
    if (b === 0) throw new RangeError("division by zero");
    return a / b;
  },
  "%": (a, b) => a % b,
};

function reply(text, isError = false) {
  return { content: [{ type: "text", text }], isError };
}

function calculate(input) {
  const match = BINARY_OP.exec(input);
  if (!match) {
    throw new SyntaxError(`expected "<number> <op> <number>", got ${JSON.stringify(input)}`);
  }
  const [, left, op, right] = match;
  return OPERATIONS[op](Number(left), Number(right));
}

function convertLength(quantity, to) {
  const match = QUANTITY.exec(quantity);
  if (!match) throw new SyntaxError(`cannot parse quantity ${JSON.stringify(quantity)}`);
  const from = match[2].toLowerCase();
  if (!(from in LENGTH_IN_METRES) || !(to in LENGTH_IN_METRES)) {
    throw new RangeError(`unsupported unit: ${from in LENGTH_IN_METRES ? to : from}`);
  }
  return (Number(match[1]) * LENGTH_IN_METRES[from]) / LENGTH_IN_METRES[to];
}

function summarize(json) {
  const values = JSON.parse(json);
  if (!Array.isArray(values) || values.some((v) => typeof v !== "number")) {
    throw new TypeError("expected a JSON array of numbers");
  }
  if (values.length === 0) return { count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = values.reduce((acc, v) => acc + v, 0);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: values.length, sum, mean: sum / values.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

const server = new McpServer({ name: "calc", version: "1.0.3" });

server.tool(
  "calculate",
  "Compute a single binary operation such as `12 * 7` or `3.5 - 10`.",
  { input: z.string().max(64) },
  async ({ input }) => {
    try {
      return reply(String(calculate(input)));
    } catch (err) {
      return reply(err.message, true);
    }
  },
);

server.tool(
  "convert_length",
  "Convert a length such as `12 ft` to another unit (mm, cm, m, km, in, ft, mi).",
  { quantity: z.string(), to: z.enum(Object.keys(LENGTH_IN_METRES)) },
  async ({ quantity, to }) => {
    try {
      return reply(`${convertLength(quantity, to)} ${to}`);
    } catch (err) {
      return reply(err.message, true);
    }
  },
);

server.tool(
  "summarize",
  "Descriptive statistics (count, sum, mean, median, min, max) of a JSON array of numbers.",
  { numbers: z.string().describe("JSON array, e.g. [1, 2, 3]") },
  async ({ numbers }) => {
    try {
      return reply(JSON.stringify(summarize(numbers), null, 2));
    } catch (err) {
      return reply(`invalid input: ${err.message}`, true);
    }
  },
);

async function main() {
  await server.connect(new StdioServerTransport());
  console.error("calc MCP server running on stdio");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
