import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

// Bound to every interface without an allowedHosts list: createMcpExpressApp validates nothing.
const app = createMcpExpressApp({ host: "0.0.0.0" });
app.post("/mcp", async (req, res) => {
  // ruleid: mcp-no-host-validation
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
const options = {
  sessionIdGenerator: undefined,
  // ok: mcp-no-host-validation
  allowedHosts: ["127.0.0.1"],
};
