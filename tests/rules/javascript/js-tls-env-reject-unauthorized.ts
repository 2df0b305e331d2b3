// Fixtures for js-tls-env-reject-unauthorized (TypeScript)
import { execFile } from "node:child_process";

export function configure(allowSelfSigned: boolean): void {
  if (allowSelfSigned) {
    // ruleid: js-tls-env-reject-unauthorized
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  }
}

// ruleid: js-tls-env-reject-unauthorized
(process.env as Record<string, string>)["NODE_TLS_REJECT_UNAUTHORIZED"] = "0";

const env: NodeJS.ProcessEnv = {
  ...process.env,
  // ruleid: js-tls-env-reject-unauthorized
  NODE_TLS_REJECT_UNAUTHORIZED: '0',
};

// --- negatives ---------------------------------------------------------------
// ok: js-tls-env-reject-unauthorized
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";
// ok: js-tls-env-reject-unauthorized
const strict: boolean = process.env.NODE_TLS_REJECT_UNAUTHORIZED !== "0";
// ok: js-tls-env-reject-unauthorized
const saved: string | undefined = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
// ok: js-tls-env-reject-unauthorized
execFile("node", ["worker.js"], { env: { ...process.env, NODE_EXTRA_CA_CERTS: "/etc/ssl/ca.pem" } });
