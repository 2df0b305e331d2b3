import jwt, { type JwtPayload } from "jsonwebtoken";

interface Caller {
  sub: string;
  scopes: string[];
}

const SECRET = process.env.JWT_SECRET ?? "";

export function callerOf(token: string): Caller {
  // ruleid: js-jwt-signature-not-verified
  const claims = jwt.decode(token) as JwtPayload;
  return { sub: String(claims.sub), scopes: String(claims.scope ?? "").split(" ") };
}

export function verifiedCaller(token: string): Caller {
  // ok: js-jwt-signature-not-verified
  // ok: js-jwt-algorithms-not-pinned
  const claims = jwt.verify(token, SECRET, { algorithms: ["HS256"] }) as JwtPayload;
  return { sub: String(claims.sub), scopes: String(claims.scope ?? "").split(" ") };
}

export function laxCaller(token: string): JwtPayload {
  // ruleid: js-jwt-expiration-not-verified
  return jwt.verify(token, SECRET, { algorithms: ["HS256"], ignoreExpiration: true }) as JwtPayload;
}

// ---- jwt.decode() behind the MCP SDK's bearer-auth verifier and in middleware ---------------

import type { NextFunction, Request, Response } from "express";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { OAuthTokenVerifier } from "@modelcontextprotocol/sdk/server/auth/provider.js";

export const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token: string): Promise<AuthInfo> {
    // ruleid: js-jwt-signature-not-verified
    const payload = jwt.decode(token) as JwtPayload | null;
    if (!payload) throw new Error("malformed token");
    return {
      token,
      clientId: String(payload.azp ?? payload.sub),
      scopes: String(payload.scope ?? "").split(" "),
      expiresAt: payload.exp,
    };
  },
};

export const requireAdmin = (req: Request, res: Response, next: NextFunction): void => {
  const token = (req.headers.authorization ?? "").slice(7);
  // ruleid: js-jwt-signature-not-verified
  const claims = <JwtPayload>jwt.decode(token);
  if (claims?.roles?.includes("admin")) {
    next();
    return;
  }
  res.status(403).json({ error: "forbidden" });
};

export function scheduleRefresh(token: string, refresh: () => void): void {
  // ok: js-jwt-signature-not-verified
  const decoded = jwt.decode(token) as JwtPayload | null;
  const msLeft = decoded?.exp ? decoded.exp * 1000 - Date.now() : 0;
  if (decoded && decoded.exp) setTimeout(refresh, Math.max(0, msLeft - 30_000));
}

export async function authInfoFor(token: string): Promise<AuthInfo> {
  jwt.verify(token, SECRET, { algorithms: ["HS256"] });
  // ok: js-jwt-signature-not-verified
  const claims = jwt.decode(token) as JwtPayload;
  return { token, clientId: String(claims.sub), scopes: [] };
}

export function verifyAnyAlgorithm(token: string): JwtPayload {
  // ruleid: js-jwt-algorithms-not-pinned
  return jwt.verify(token, SECRET) as JwtPayload;
}

export function verifyWithExpiry(token: string): JwtPayload {
  // ok: js-jwt-expiration-not-verified
  // ok: js-jwt-algorithms-not-pinned
  return jwt.verify(token, SECRET, { algorithms: ["HS256"], clockTolerance: 30 }) as JwtPayload;
}
