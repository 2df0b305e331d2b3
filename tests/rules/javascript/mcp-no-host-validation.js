import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { randomUUID } from "node:crypto";

export function makeTransport() {
  // ruleid: mcp-no-host-validation
  return new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
}
