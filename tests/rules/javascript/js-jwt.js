import jwt from "jsonwebtoken";
import fs from "node:fs";

const PUBLIC_KEY = fs.readFileSync("/etc/mcp/jwt.pub");
const AUDIENCE = "https://mcp.example.com";

export function authenticate(req, res, next) {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  // ruleid: js-jwt-signature-not-verified
  req.user = jwt.decode(token);
  next();
}

export function scopesOf(token) {
  // ruleid: js-jwt-signature-not-verified
  const { sub, scope } = jwt.decode(token);
  return { sub, scopes: scope.split(" ") };
}

export function isAdmin(token) {
  // ruleid: js-jwt-signature-not-verified
  return jwt.decode(token).role === "admin";
}

export function verifyAnyAlg(token) {
  // ruleid: js-jwt-signature-not-verified
  return jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256", "none"], audience: AUDIENCE });
}

export function mintDebugToken(sub) {
  // ruleid: js-jwt-signature-not-verified
  return jwt.sign({ sub }, "", { algorithm: "none" });
}

export function keyId(token) {
  // ok: js-jwt-signature-not-verified
  const decoded = jwt.decode(token, { complete: true });
  return decoded.header.kid;
}

export function expiresAt(token) {
  // ok: js-jwt-signature-not-verified
  const { exp } = jwt.decode(token);
  return new Date(exp * 1000);
}

export function verifyNoExp(token) {
  // ruleid: js-jwt-expiration-not-verified
  return jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"], ignoreExpiration: true });
}

export function verifyUnpinned(token) {
  // ruleid: js-jwt-algorithms-not-pinned
  return jwt.verify(token, PUBLIC_KEY);
}

export function verifyUnpinnedOptions(token) {
  // ruleid: js-jwt-algorithms-not-pinned
  return jwt.verify(token, PUBLIC_KEY, { audience: AUDIENCE });
}

export function verifyCallback(token, done) {
  // ruleid: js-jwt-algorithms-not-pinned
  jwt.verify(token, PUBLIC_KEY, (err, claims) => done(err, claims));
}

export function verifyOk(token) {
  // ok: js-jwt-signature-not-verified
  // ok: js-jwt-algorithms-not-pinned
  // ok: js-jwt-expiration-not-verified
  return jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"], audience: AUDIENCE, ignoreExpiration: false });
}
