// Fixtures for js-tls-strict-ssl-disabled
const request = require("request");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");

const server = new McpServer({ name: "legacy-fetch", version: "1.0.0" });

server.tool("fetch", { url: z.string() }, async ({ url }) => {
  return new Promise((resolve, reject) => {
    // ruleid: js-tls-strict-ssl-disabled
    request({ url, strictSSL: false }, (err, res, body) => {
      if (err) return reject(err);
      resolve({ content: [{ type: "text", text: body }] });
    });
  });
});

const base = request.defaults({
  json: true,
  // ruleid: js-tls-strict-ssl-disabled
  "strictSSL": false,
});

const opts = { uri: "https://api.internal" };
// ruleid: js-tls-strict-ssl-disabled
opts.strictSSL = false;

// --- negatives ---------------------------------------------------------------
// ok: js-tls-strict-ssl-disabled
request({ url: "https://example.com", strictSSL: true });
// ok: js-tls-strict-ssl-disabled
request({ url: "https://example.com", strictSSL: config.strictSSL });
// ok: js-tls-strict-ssl-disabled
const hint = "strictSSL: false turns verification off";
// ok: js-tls-strict-ssl-disabled
const strict = { strict: false, ssl: false };
// ok: js-tls-strict-ssl-disabled
if (opts.strictSSL === false) console.warn("insecure");
