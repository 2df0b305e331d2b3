import fs from "node:fs";
import serialize from "node-serialize";

export function restoreSession(path: string): unknown {
  // ruleid: js-unsafe-deserialization
  return serialize.unserialize(fs.readFileSync(path, "utf8"));
}

export function restoreSessionSafely(path: string): unknown {
  // ok: js-unsafe-deserialization
  return JSON.parse(fs.readFileSync(path, "utf8"));
}
