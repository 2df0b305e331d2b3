// Fixtures for js-child-process-exec: the file loads child_process (for spawn) but its `exec`
// comes from a database module: the import says which `exec` a call is.
import { spawn } from "node:child_process";
import { exec } from "./db/sqlite.js";

export async function query(sql, params) {
  // ok: js-child-process-exec
  return exec(sql, params);
}

export function tail(file) {
  // ok: js-child-process-exec
  return spawn("tail", ["-n", "100", "--", file]);
}
