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
