// Fixtures for js-tls-reject-unauthorized-disabled
const https = require("https");
const tls = require("tls");
const axios = require("axios");
const got = require("got");
const { Agent } = require("undici");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");

const server = new McpServer({ name: "fetcher", version: "1.0.0" });

// ruleid: js-tls-reject-unauthorized-disabled
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

server.tool("fetch", { url: z.string() }, async ({ url }) => {
  const res = await axios.get(url, {
    httpsAgent: new https.Agent({
      keepAlive: true,
      // ruleid: js-tls-reject-unauthorized-disabled
      rejectUnauthorized: false,
    }),
  });
  return { content: [{ type: "text", text: res.data }] };
});

function connect(host) {
  // ruleid: js-tls-reject-unauthorized-disabled
  return tls.connect(443, host, { servername: host, rejectUnauthorized: false });
}

async function viaGot(url) {
  // ruleid: js-tls-reject-unauthorized-disabled
  return got(url, { https: { "rejectUnauthorized": false } });
}

const dispatcher = new Agent({
  connect: {
    // ruleid: js-tls-reject-unauthorized-disabled
    'rejectUnauthorized': false,
  },
});

const options = { hostname: "api.internal", port: 443 };
// ruleid: js-tls-reject-unauthorized-disabled
options.rejectUnauthorized = false;
// ruleid: js-tls-reject-unauthorized-disabled
options["rejectUnauthorized"] = false;
https.request(options);

// --- negatives ---------------------------------------------------------------
// ok: js-tls-reject-unauthorized-disabled
const safeAgent = new https.Agent({ rejectUnauthorized: true });
// ok: js-tls-reject-unauthorized-disabled
const caAgent = new https.Agent({ ca: fs.readFileSync("/etc/ssl/certs/internal-ca.pem") });
// ok: js-tls-reject-unauthorized-disabled
const envAgent = new https.Agent({ rejectUnauthorized: process.env.TLS_INSECURE !== "1" });
// ok: js-tls-reject-unauthorized-disabled
const flagAgent = new https.Agent({ rejectUnauthorized: verifyTls });
// ok: js-tls-reject-unauthorized-disabled
options.rejectUnauthorized = true;
// ok: js-tls-reject-unauthorized-disabled
const unrelated = { rejected: false, unauthorized: false };
// ok: js-tls-reject-unauthorized-disabled
const hint = "never set rejectUnauthorized: false";
// rejectUnauthorized: false in a comment is not code
// ok: js-tls-reject-unauthorized-disabled
const isInsecure = options.rejectUnauthorized === false;
