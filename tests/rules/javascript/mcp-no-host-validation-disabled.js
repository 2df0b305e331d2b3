const { randomUUID } = require("node:crypto");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");

// Explicitly switched off, in plain JavaScript: the allow-lists below are then ignored.
// ok: mcp-no-host-validation
const lax = new StreamableHTTPServerTransport({
  sessionIdGenerator: () => randomUUID(),
  // ruleid: mcp-no-host-validation
  enableDnsRebindingProtection: false,
  allowedHosts: ["127.0.0.1"],
});

module.exports = { lax };
