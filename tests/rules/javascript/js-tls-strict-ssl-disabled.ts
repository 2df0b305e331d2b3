// Fixtures for js-tls-strict-ssl-disabled (TypeScript)
import request, { type CoreOptions } from "request";

interface HttpSettings {
  proxy?: string;
  // ok: js-tls-strict-ssl-disabled
  strictSSL: boolean;
}

// ruleid: js-tls-strict-ssl-disabled
const options: CoreOptions = { strictSSL: false, timeout: 5000 };

export const settings: HttpSettings = {
  proxy: undefined,
  // ruleid: js-tls-strict-ssl-disabled
  strictSSL: false,
};

export function relax(o: CoreOptions): void {
  // ruleid: js-tls-strict-ssl-disabled
  o.strictSSL = false;
}

// --- negatives ---------------------------------------------------------------
// ok: js-tls-strict-ssl-disabled
const safe: CoreOptions = { strictSSL: true };
// ok: js-tls-strict-ssl-disabled
const fromEnv: CoreOptions = { strictSSL: process.env.STRICT_SSL !== "false" };
// ok: js-tls-strict-ssl-disabled
type Loose = { strictSSL: false };
