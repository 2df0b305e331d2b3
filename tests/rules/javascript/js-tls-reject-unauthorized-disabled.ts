// Fixtures for js-tls-reject-unauthorized-disabled (TypeScript)
import https from "node:https";
import tls, { type ConnectionOptions } from "node:tls";
import axios, { type AxiosRequestConfig } from "axios";
import { Agent } from "undici";

interface ClientOptions {
  baseUrl: string;
  // ok: js-tls-reject-unauthorized-disabled
  rejectUnauthorized?: boolean;
}

type Insecure = {
  // ok: js-tls-reject-unauthorized-disabled
  rejectUnauthorized: false;
};

// ruleid: js-tls-reject-unauthorized-disabled
const agent: https.Agent = new https.Agent({ rejectUnauthorized: false });

const config: AxiosRequestConfig = {
  // ruleid: js-tls-reject-unauthorized-disabled
  httpsAgent: new https.Agent({ rejectUnauthorized: false }) as https.Agent,
};

export function open(host: string): tls.TLSSocket {
  const opts: ConnectionOptions = {
    host,
    port: 443,
    // ruleid: js-tls-reject-unauthorized-disabled
    rejectUnauthorized: false,
  };
  return tls.connect(opts);
}

export class ApiClient {
  private readonly opts: ConnectionOptions = { host: "api.internal" };

  constructor(private readonly insecure: boolean) {
    if (insecure) {
      // ruleid: js-tls-reject-unauthorized-disabled
      (this.opts as ConnectionOptions).rejectUnauthorized = false;
    }
  }
}

// ruleid: js-tls-reject-unauthorized-disabled
const dispatcher = new Agent({ connect: { rejectUnauthorized: false } satisfies ConnectionOptions });

// --- negatives ---------------------------------------------------------------
// ok: js-tls-reject-unauthorized-disabled
const safe = new https.Agent({ rejectUnauthorized: true } as https.AgentOptions);
// ok: js-tls-reject-unauthorized-disabled
const fromConfig = new https.Agent({ rejectUnauthorized: config.verify ?? true });
// ok: js-tls-reject-unauthorized-disabled
const withCa = new https.Agent({ ca: process.env.EXTRA_CA! });
// ok: js-tls-reject-unauthorized-disabled
function isStrict(o: ConnectionOptions): boolean { return o.rejectUnauthorized !== false; }
