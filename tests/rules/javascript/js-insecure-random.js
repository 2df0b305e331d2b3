import { randomBytes, randomInt, randomUUID } from "node:crypto";

export function createClient(name) {
  // ruleid: js-insecure-random-token
  const apiKey = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  // ruleid: js-insecure-random-token
  return { name, client_secret: Math.random().toString(16).slice(2), apiKey };
}

export function generateResetToken() {
  // ruleid: js-insecure-random-token
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}

// ruleid: js-insecure-random-token
const makeOtp = () => String(Math.floor(Math.random() * 1e6)).padStart(6, "0");

export function startLogin(req) {
  // ruleid: js-insecure-random-token
  req.session.oauthState = Math.random().toString(36);
  // ok: js-insecure-random-token
  req.session.nonce = randomBytes(16).toString("base64url");
  return makeOtp();
}

export function pickTheme(ui) {
  // ok: js-insecure-random-token
  ui.appState = Math.random() > 0.5 ? "light" : "dark";
  // ok: js-insecure-random-token
  const colorCode = Math.floor(Math.random() * 0xffffff).toString(16);
  return colorCode;
}

export function backoff(attempt) {
  // ok: js-insecure-random-token
  const delay = 2 ** attempt * 100 + Math.random() * 50;
  return delay;
}

export function safeToken() {
  // ok: js-insecure-random-token
  const token = randomBytes(32).toString("hex");
  // ok: js-insecure-random-token
  const pin = String(randomInt(0, 10000)).padStart(4, "0");
  return { token, pin, id: randomUUID() };
}
