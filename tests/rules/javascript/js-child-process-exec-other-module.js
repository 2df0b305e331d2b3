// Fixtures for js-child-process-exec: an `exec` that is not the Node process API.
// This file never loads the process module, so bare exec() calls are not commands.
import { exec } from "./db/sqlite.js";
import { execSync } from "./jobs/queue.js";

export async function query(sql, params) {
  // ok: js-child-process-exec
  return exec(sql, params);
}

export function enqueue(job) {
  // ok: js-child-process-exec
  return execSync(job.name);
}
