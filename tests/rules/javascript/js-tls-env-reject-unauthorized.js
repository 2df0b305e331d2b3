// Fixtures for js-tls-env-reject-unauthorized
const { spawn } = require("child_process");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");

// ruleid: js-tls-env-reject-unauthorized
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

if (process.env.ALLOW_SELF_SIGNED) {
  // ruleid: js-tls-env-reject-unauthorized
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
}

function insecure() {
  // ruleid: js-tls-env-reject-unauthorized
  process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;
}

// ruleid: js-tls-env-reject-unauthorized
Object.assign(process.env, { NODE_TLS_REJECT_UNAUTHORIZED: "0" });

const child = spawn("node", ["worker.js"], {
  env: {
    ...process.env,
    // ruleid: js-tls-env-reject-unauthorized
    "NODE_TLS_REJECT_UNAUTHORIZED": "0",
  },
});

// --- negatives ---------------------------------------------------------------
// ok: js-tls-env-reject-unauthorized
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
// ok: js-tls-env-reject-unauthorized
delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
// ok: js-tls-env-reject-unauthorized
const insecureMode = process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0";
// ok: js-tls-env-reject-unauthorized
if (process.env.NODE_TLS_REJECT_UNAUTHORIZED == "0") console.warn("TLS verification is off");
// ok: js-tls-env-reject-unauthorized
const doc = 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0" disables TLS';
// process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0" in a comment
// ok: js-tls-env-reject-unauthorized
process.env.OTHER_SETTING = "0";
