import { createHash } from "node:crypto";
import pino from "pino";
import winston from "winston";

const logger = pino();
const log = winston.createLogger({ transports: [new winston.transports.Console()] });

const githubToken = process.env.GITHUB_TOKEN;
const OPENAI_API_KEY = process.env["OPENAI_API_KEY"];
const region = process.env.AWS_REGION;

// ruleid: js-secret-in-log
console.log(`starting with token ${githubToken}`);
// ruleid: js-secret-in-log
logger.info({ key: OPENAI_API_KEY }, "configured");
// ruleid: js-secret-in-log
console.error("stripe key", process.env.STRIPE_SECRET_KEY);
// ok: js-secret-in-log
console.error("token refreshed");
// ok: js-secret-in-log
console.log(`region ${region}`);
// ok: js-secret-in-log
console.log(`GitHub token configured: ${Boolean(githubToken)}`);
// ok: js-secret-in-log
console.log("token is", githubToken ? "set" : "missing");
// ok: js-secret-in-log
console.log(`token ${githubToken.slice(0, 4)}...`);
// ruleid: js-secret-in-log
console.log(`token ${githubToken.slice(0, 20)}`);
// ok: js-secret-in-log
logger.debug({ key: createHash("sha256").update(OPENAI_API_KEY).digest("hex").slice(0, 8) }, "using key");

async function callApi(url, apiToken) {
  const headers = { Authorization: `Bearer ${apiToken}`, Accept: "application/json" };
  // ruleid: js-secret-in-log
  log.debug("request", { headers });
  const response = await fetch(url, { headers });
  // ok: js-secret-in-log
  console.log(`GET ${url} -> ${response.status}`);
  return response.json();
}

export function onTokenResponse(body, session) {
  // ok: js-secret-in-log
  console.log("token expires in", body["expires_in"], "for", session.userId);
  // ruleid: js-secret-in-log
  console.log("got", body["access_token"]);
}

function trace(value) {
  // ruleid: js-secret-in-log
  process.stderr.write(`trace: ${value}\n`);
}

class Client {
  constructor(password, maxTokens, pageToken) {
    this.password = password;
    // ok: js-secret-in-log
    console.log("max tokens", maxTokens, "page", pageToken);
  }

  connect() {
    // ruleid: js-secret-in-log
    this.logger.warn(`login failed for ${this.password}`);
    trace(githubToken);
  }
}

export function authMiddleware(req, res, next) {
  const auth = req.headers.authorization;
  // ruleid: js-secret-in-log
  req.log.info(`incoming ${req.url} ${auth}`);
  // ok: js-secret-in-log
  req.log.info(`incoming ${req.url} authenticated=${auth !== undefined}`);
  next();
}
