import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

// ok: mcp-no-host-validation
const transport = new StreamableHTTPServerTransport({
  sessionIdGenerator: undefined,
  // ruleid: mcp-no-host-validation
  enableDnsRebindingProtection: false,
});
