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

// ---- jwt.decode() whose result makes an authorisation decision ----------------------------

function bearer(req) {
  return (req.headers.authorization ?? "").replace(/^Bearer /, "");
}

export function requireAdmin(req, res, next) {
  // ruleid: js-jwt-signature-not-verified
  const claims = jwt.decode(bearer(req));
  if (!claims || claims.role !== "admin") return res.status(403).end();
  next();
}

export function requireScope(scope) {
  return (req, res, next) => {
    // ruleid: js-jwt-signature-not-verified
    const payload = jwt.decode(bearer(req));
    if (payload?.scope?.split(" ").includes(scope)) return next();
    res.status(403).end();
  };
}

export function attachAuth(req, _res, next) {
  // ruleid: js-jwt-signature-not-verified
  const decoded = jwt.decode(bearer(req));
  req.auth = { token: bearer(req), clientId: decoded.sub, scopes: [] };
  next();
}

export function sameTenant(token, tenant) {
  // ruleid: js-jwt-signature-not-verified
  var info = jwt.decode(token);
  const allowed = info["tenant"] === tenant;
  return allowed;
}

export const authenticateToken = async (token) => {
  // ruleid: js-jwt-signature-not-verified
  return jwt.decode(token);
};

export const tokenVerifier = {
  verifyAccessToken: async (token) => {
    // ruleid: js-jwt-signature-not-verified
    const p = jwt.decode(token);
    return { token, clientId: p.client_id, scopes: (p.scope ?? "").split(" "), expiresAt: p.exp };
  },
};

export async function refreshIfNeeded(client) {
  // ok: js-jwt-signature-not-verified
  const claims = jwt.decode(client.accessToken);
  if (claims && claims.exp * 1000 - Date.now() < 60_000) await client.refresh();
}

export function authenticateVerified(req, res, next) {
  const token = bearer(req);
  try {
    jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"], audience: AUDIENCE });
  } catch {
    return res.sendStatus(401);
  }
  // ok: js-jwt-signature-not-verified
  const claims = jwt.decode(token);
  if (claims.role !== "admin") return res.sendStatus(403);
  // ok: js-jwt-signature-not-verified
  req.user = jwt.decode(token);
  next();
}

export function verifyExpiry(token) {
  // ok: js-jwt-signature-not-verified
  const d = jwt.decode(token);
  return d?.exp ?? 0;
}

export function displayName(token) {
  // ok: js-jwt-signature-not-verified
  const claims = jwt.decode(token);
  return claims?.name ?? "anonymous";
}

export function tokenFor(session) {
  // ok: js-jwt-signature-not-verified
  const decoded = jwt.decode(session.token);
  if (decoded === null) throw new Error("malformed token");
  return session.token;
}

export function authorOf(token) {
  // ok: js-jwt-signature-not-verified
  const claims = jwt.decode(token);
  return claims?.name ?? "unknown author";
}
